package io.llmload.emulator.inference;

/** How the server model answers one HTTP request (the handler writes it to the connection). */
interface Reply {

    /** False once the client has gone away (the server then counts a 499). */
    boolean open();

    void json(int status, String body);

    void streamStart();

    void streamChunk(String json);

    void streamEnd();
}
