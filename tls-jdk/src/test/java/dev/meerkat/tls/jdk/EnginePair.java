package dev.meerkat.tls.jdk;

import static org.assertj.core.api.Assertions.fail;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsEngine;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsResult;
import dev.meerkat.tls.TlsResult.Status;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A client engine and a server engine of provider "jdk" wired back to back in memory: no sockets,
 * no threads. Each {@link #pump()} wraps what a side can send and unwraps it on the other side, in
 * bounded loops, the way the core's TLS layer will.
 */
final class EnginePair implements AutoCloseable {

    static final String HOST = "localhost";
    private static final int MAX_STEPS = 1_000;

    final Side client;
    final Side server;
    private final TlsContext clientContext;
    private final TlsContext serverContext;

    EnginePair(TlsConfig clientConfig, TlsConfig serverConfig) throws TlsException {
        this(clientConfig, serverConfig, HOST);
    }

    EnginePair(TlsConfig clientConfig, TlsConfig serverConfig, String peerHost) throws TlsException {
        this(TlsProviders.named("jdk").newContext(clientConfig), TlsProviders.named("jdk").newContext(serverConfig),
                peerHost);
    }

    /** A pair on existing contexts (closed with the pair), e.g. to resume a session of an earlier pair. */
    EnginePair(TlsContext clientContext, TlsContext serverContext, String peerHost) throws TlsException {
        this.clientContext = clientContext;
        this.serverContext = serverContext;
        client = new Side("client", clientContext.newEngine(peerHost, 8443));
        server = new Side("server", serverContext.newEngine(null, 0));
    }

    /** Pumps until both handshakes completed and nothing is left to send; fails after a bounded count. */
    EnginePair handshake() throws TlsException {
        for (int round = 0; round < 20; round++) {
            pump();
            if (client.engine.isHandshakeComplete() && server.engine.isHandshakeComplete() && isQuiet()) {
                return this;
            }
        }
        return fail("expected both handshakes to complete within 20 rounds but client complete=%s, server complete=%s",
                client.engine.isHandshakeComplete(), server.engine.isHandshakeComplete());
    }

    /** One round both ways; the first TlsException of a side is thrown. */
    void pump() throws TlsException {
        client.flush();
        server.receiveFrom(client);
        server.flush();
        client.receiveFrom(server);
    }

    /**
     * Pumps a fixed number of rounds, catching each side's first failure instead of throwing it,
     * so that a fatal alert still reaches the peer. For handshakes that must fail.
     */
    EnginePair pumpExpectingFailure() {
        for (int round = 0; round < 10; round++) {
            client.tryStep(client::flush, true);
            server.tryStep(() -> server.receiveFrom(client), false);
            server.tryStep(server::flush, true);
            client.tryStep(() -> client.receiveFrom(server), false);
        }
        return this;
    }

    private boolean isQuiet() {
        return !client.engine.wantsWrap() && !server.engine.wantsWrap()
                && client.toPeer.position() == 0 && server.toPeer.position() == 0;
    }

    @Override
    public void close() {
        client.engine.close();
        server.engine.close();
        clientContext.close();
        serverContext.close();
    }

    interface Step {
        void run() throws TlsException;
    }

    /** One endpoint: its engine, the ciphertext it sent and not yet delivered, the plaintext it received. */
    static final class Side {
        final String name;
        final TlsEngine engine;
        /** Ciphertext on its way to the peer, in write mode. */
        final ByteBuffer toPeer = ByteBuffer.allocate(64 * 1024);
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer outgoing = ByteBuffer.allocate(0);
        TlsResult lastUnwrap;
        TlsException failure;
        private final ByteBuffer plaintext;

        Side(String name, TlsEngine engine) {
            this.name = name;
            this.engine = engine;
            this.plaintext = ByteBuffer.allocate(engine.plaintextRoom());
        }

        void send(byte[] data) {
            outgoing = ByteBuffer.wrap(data);
        }

        /** Wraps handshake bytes and pending data into {@link #toPeer} until it is full or nothing is left. */
        void flush() throws TlsException {
            for (int step = 0; step < MAX_STEPS; step++) {
                boolean hasData = engine.isHandshakeComplete() && outgoing.hasRemaining();
                if (!engine.wantsWrap() && !hasData) {
                    return;
                }
                TlsResult result = engine.wrap(outgoing, toPeer);
                if (result.status() != Status.OK || !result.madeProgress()) {
                    return;
                }
            }
            fail("%s: expected wrap to stop within %d steps", name, MAX_STEPS);
        }

        /** Unwraps everything {@code peer} sent, collecting the plaintext. */
        void receiveFrom(Side peer) throws TlsException {
            peer.toPeer.flip();
            try {
                for (int step = 0; step < MAX_STEPS; step++) {
                    lastUnwrap = engine.unwrap(peer.toPeer, plaintext);
                    collectPlaintext();
                    if (!continuesAfter(lastUnwrap)) {
                        return;
                    }
                }
                fail("%s: expected unwrap to stop within %d steps", name, MAX_STEPS);
            } finally {
                peer.toPeer.compact();
            }
        }

        private static boolean continuesAfter(TlsResult result) {
            return result.status() == Status.NEEDS_OUTPUT_ROOM
                    || (result.status() == Status.OK && result.madeProgress());
        }

        private void collectPlaintext() {
            plaintext.flip();
            received.write(plaintext.array(), plaintext.arrayOffset() + plaintext.position(), plaintext.remaining());
            plaintext.clear();
        }

        /** Runs {@code step} and keeps the first failure; after one, only sending (the alert) goes on. */
        void tryStep(Step step, boolean sends) {
            if (failure != null && !sends) {
                return;
            }
            try {
                step.run();
            } catch (TlsException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }
}
