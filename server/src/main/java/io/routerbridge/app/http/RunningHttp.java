package io.routerbridge.app.http;

import io.javalin.Javalin;

/** The HTTP server once listening: its port, and stopping it. */
public final class RunningHttp implements AutoCloseable {
    private final Javalin server;

    RunningHttp(Javalin server) {
        this.server = server;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
