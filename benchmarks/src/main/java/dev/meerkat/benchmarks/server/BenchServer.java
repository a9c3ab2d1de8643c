package dev.meerkat.benchmarks.server;

/** A running benchmark server: Meerkat's {@code HttpServer} or the Netty anchor, on 127.0.0.1. */
public interface BenchServer extends AutoCloseable {

    int port();

    /** Accepted connections still open, counted on the server's own I/O thread. */
    int openConnections() throws Exception;

    /** What the server counted while running, one line for the load log; empty when it counts nothing. */
    default String statistics() throws Exception {
        return "";
    }

    /** Stops listening, closes every connection and the I/O thread, waiting a few seconds at most. */
    @Override
    void close();

    /** Starts the server {@code spec} names on an ephemeral port of 127.0.0.1. */
    static BenchServer start(ServerSpec spec) throws Exception {
        return spec.implementation().equals(ServerSpec.MEERKAT) ? MeerkatServer.start(spec) : NettyServer.start(spec);
    }
}
