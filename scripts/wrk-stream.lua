-- wrk script: 100-token streamed completions against the emulator (bench-emulator-streams.sh, bench-peers.sh);
-- wrk reads each SSE stream to its end as one chunked response
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"emulated-model","prompt":"Say hello.","max_tokens":100,"ignore_eos":true,"stream":true}'
