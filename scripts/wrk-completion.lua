-- wrk script: short non-streaming completions against the emulator (scripts/bench-emulator-wrk.sh)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"emulated-model","prompt":"Say hello.","max_tokens":1,"stream":false}'
