package dev.meerkat.tls.openssl;

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
 * A client engine and a server engine, of any two providers, wired back to back in memory: no
 * sockets, no threads. Each {@link #pump()} wraps what a side can send and unwraps it on the other
 * side, in bounded loops, the way the core's TLS layer does.
 */
final class EnginePair implements AutoCloseable {

    static final String HOST = "localhost";
    private static final int MAX_STEPS = 10_000;

    final Side client;
    final Side server;
    private final TlsContext clientContext;
    private final TlsContext serverContext;
    private final boolean ownsContexts;

    EnginePair(String clientProvider, TlsConfig clientConfig, String serverProvider, TlsConfig serverConfig)
            throws TlsException {
        this(TlsProviders.named(clientProvider).newContext(clientConfig),
                TlsProviders.named(serverProvider).newContext(serverConfig), HOST, true, false);
    }

    /** Engines over contexts the caller keeps (and closes). */
    EnginePair(TlsContext clientContext, TlsContext serverContext, String peerHost, boolean direct)
            throws TlsException {
        this(clientContext, serverContext, peerHost, false, direct);
    }

    private EnginePair(TlsContext clientContext, TlsContext serverContext, String peerHost, boolean ownsContexts,
                       boolean direct) throws TlsException {
        this.clientContext = clientContext;
        this.serverContext = serverContext;
        this.ownsContexts = ownsContexts;
        this.client = new Side("client", clientContext.newEngine(peerHost, 8443), direct);
        this.server = new Side("server", serverContext.newEngine(null, 0), direct);
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

    /** Pumps until each side received {@code bytes} bytes of plaintext, within a bounded number of rounds. */
    void pumpUntilReceived(int clientBytes, int serverBytes) throws TlsException {
        for (int round = 0; round < MAX_STEPS; round++) {
            if (client.received.size() >= clientBytes && server.received.size() >= serverBytes) {
                return;
            }
            pump();
        }
        fail("expected client to receive %d and server %d bytes but they received %d and %d",
                clientBytes, serverBytes, client.received.size(), server.received.size());
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
        if (ownsContexts) {
            clientContext.close();
            serverContext.close();
        }
    }

    interface Step {
        void run() throws TlsException;
    }

    /** One endpoint: its engine, the ciphertext it sent and not yet delivered, the plaintext it received. */
    static final class Side {
        final String name;
        final TlsEngine engine;
        /** Ciphertext on its way to the peer, in write mode. */
        final ByteBuffer toPeer;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer outgoing = ByteBuffer.allocate(0);
        TlsResult lastUnwrap;
        TlsException failure;
        private final ByteBuffer plaintext;

        Side(String name, TlsEngine engine, boolean direct) {
            this.name = name;
            this.engine = engine;
            this.toPeer = direct ? ByteBuffer.allocateDirect(64 * 1024) : ByteBuffer.allocate(64 * 1024);
            this.plaintext = direct ? ByteBuffer.allocateDirect(engine.plaintextRoom())
                    : ByteBuffer.allocate(engine.plaintextRoom());
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
                unwrapAll(peer.toPeer);
            } finally {
                peer.toPeer.compact();
            }
        }

        /** Unwraps {@code ciphertext} until the engine can make no more progress. */
        void unwrapAll(ByteBuffer ciphertext) throws TlsException {
            for (int step = 0; step < MAX_STEPS; step++) {
                lastUnwrap = engine.unwrap(ciphertext, plaintext);
                collectPlaintext();
                if (!continuesAfter(lastUnwrap)) {
                    return;
                }
            }
            fail("%s: expected unwrap to stop within %d steps", name, MAX_STEPS);
        }

        private static boolean continuesAfter(TlsResult result) {
            return result.status() == Status.NEEDS_OUTPUT_ROOM
                    || (result.status() == Status.OK && result.madeProgress());
        }

        private void collectPlaintext() {
            plaintext.flip();
            byte[] bytes = new byte[plaintext.remaining()];
            plaintext.get(bytes);
            received.write(bytes, 0, bytes.length);
            plaintext.clear();
        }

        void tryStep(Step step, boolean wrapping) {
            if (failure != null && !wrapping) {
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
