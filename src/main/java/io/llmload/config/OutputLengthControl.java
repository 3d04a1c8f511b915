package io.llmload.config;

/**
 * How a request asks for its output length. {@code max-tokens}: a cap only, the model may stop
 * earlier (TGI, gateways). {@code ignore-eos}: {@code max_tokens} and {@code ignore_eos: true}, exactly
 * that many tokens (vLLM, SGLang, llama.cpp's llama-server, where max_tokens is its n_predict).
 * {@code min-tokens}: {@code max_tokens} and {@code min_tokens} of the same value (vLLM, SGLang).
 */
public enum OutputLengthControl {
    MAX_TOKENS, IGNORE_EOS, MIN_TOKENS;

    /** True when the request asks for exactly its max_tokens: the length received is then checked against it. */
    public boolean exact() {
        return this != MAX_TOKENS;
    }
}
