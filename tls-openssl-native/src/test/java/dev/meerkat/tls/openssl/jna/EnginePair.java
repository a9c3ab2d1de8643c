package dev.meerkat.tls.openssl.jna;

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
 * sockets, no threads. {@link #pump()} wraps what each side can send and unwraps it on the other
 * side in bounded loops, the way the core's TLS layer does. Owns the contexts only when it made them.
 */
final class EnginePair implements AutoCloseable {

    static final String HOST = "localhost";
    static final int PORT = 8443;
    private static final int MAX_STEPS = 10_000;

    final Side client;
    final Side server;
    private final TlsContext ownedClientContext;
    private final TlsContext ownedServerContext;

    private EnginePair(TlsContext clientContext, TlsContext serverContext, String host, boolean owned)
            throws TlsException {
        this.ownedClientContext = owned ? clientContext : null;
        this.ownedServerContext = owned ? serverContext : null;
        this.client = new Side("client " + clientContext.providerName(), clientContext.newEngine(host, PORT));
        this.server = new Side("server " + serverContext.providerName(), serverContext.newEngine(null, 0));
    }

    /** New contexts from the named providers, closed with the pair. */
    static EnginePair of(String clientProvider, TlsConfig clientConfig, String serverProvider, TlsConfig serverConfig)
            throws TlsException {
        return of(clientProvider, clientConfig, serverProvider, serverConfig, HOST);
    }

    static EnginePair of(String clientProvider, TlsConfig clientConfig, String serverProvider, TlsConfig serverConfig,
                         String host) throws TlsException {
        TlsContext clientContext = TlsProviders.named(clientProvider).newContext(clientConfig);
        try {
            TlsContext serverContext = TlsProviders.named(serverProvider).newContext(serverConfig);
            return new EnginePair(clientContext, serverContext, host, true);
        } catch (TlsException | RuntimeException e) {
            clientContext.close();
            throw e;
        }
    }

    /** Engines from contexts the caller owns and closes. */
    static EnginePair on(TlsContext clientContext, TlsContext serverContext) throws TlsException {
        return new EnginePair(clientContext, serverContext, HOST, false);
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

    /** Rounds until both sides are quiet (bounded), e.g. to move bulk data. */
    void pumpUntilQuiet() throws TlsException {
        for (int round = 0; round < MAX_STEPS; round++) {
            pump();
            if (isQuiet() && !client.outgoing.hasRemaining() && !server.outgoing.hasRemaining()) {
                return;
            }
        }
        fail("expected the pair to go quiet within %d rounds", MAX_STEPS);
    }

    /** Pumps a fixed number of rounds, keeping each side's first failure so that fatal alerts still travel. */
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
        if (ownedClientContext != null) {
            ownedClientContext.close();
            ownedServerContext.close();
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
        final ByteBuffer toPeer = ByteBuffer.allocate(128 * 1024);
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
                receive(peer.toPeer);
            } finally {
                peer.toPeer.compact();
            }
        }

        /** Unwraps {@code ciphertext} (position to limit) until the engine stops, collecting the plaintext. */
        void receive(ByteBuffer ciphertext) throws TlsException {
            for (int step = 0; step < MAX_STEPS; step++) {
                lastUnwrap = engine.unwrap(ciphertext, plaintext);
                collectPlaintext();
                if (!continuesAfter(lastUnwrap)) {
                    return;
                }
            }
            fail("%s: expected unwrap to stop within %d steps", name, MAX_STEPS);
        }

        /** Takes what this side sent and has not been delivered yet. */
        byte[] takeSent() {
            toPeer.flip();
            byte[] bytes = new byte[toPeer.remaining()];
            toPeer.get(bytes);
            toPeer.clear();
            return bytes;
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
