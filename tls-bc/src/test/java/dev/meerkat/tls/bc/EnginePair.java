package dev.meerkat.tls.bc;

import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsEngine;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsResult;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A client and a server engine joined in memory, driven as the core drives them: wrap into the
 * peer's inbox, unwrap from our own, until neither side moves. Failures are recorded per side, and
 * pumping goes on so that the failing side's alert reaches the peer.
 */
final class EnginePair {

    static final int INBOX_SIZE = 64 * 1024;
    private static final int MAX_STEPS = 200_000;

    final Side client;
    final Side server;

    EnginePair(TlsEngine client, TlsEngine server) {
        this.client = new Side(client);
        this.server = new Side(server);
    }

    static EnginePair of(TlsContext client, TlsContext server) throws TlsException {
        return new EnginePair(client.newEngine("localhost", 443), server.newEngine(null, 0));
    }

    /** Pumps until quiet; fails the test if the engines never settle. */
    void pump() {
        for (int i = 0; i < MAX_STEPS; i++) {
            boolean progress = client.step(server) | server.step(client);
            if (!progress) {
                return;
            }
        }
        throw new AssertionError("expected the engines to settle within " + MAX_STEPS + " steps but they did not");
    }

    void handshake() {
        pump();
        if (!client.engine.isHandshakeComplete() || !server.engine.isHandshakeComplete()) {
            throw new AssertionError("expected both handshakes complete but client=" + client.engine.isHandshakeComplete()
                    + " server=" + server.engine.isHandshakeComplete() + "; failures: client=" + client.failure
                    + " server=" + server.failure);
        }
    }

    /** One end of the pair. */
    static final class Side {
        final TlsEngine engine;
        /** Ciphertext from the peer, in write mode. */
        final ByteBuffer inbox = ByteBuffer.allocate(INBOX_SIZE);
        final ByteBuffer plaintext;
        /** Application data still to send, in read mode. */
        ByteBuffer outgoing = ByteBuffer.allocate(0);
        final MessageDigest received = sha256();
        long receivedBytes;
        boolean sawClosed;
        TlsException failure;

        Side(TlsEngine engine) {
            this.engine = engine;
            this.plaintext = ByteBuffer.allocate(engine.plaintextRoom());
        }

        void send(byte[] data) {
            outgoing = ByteBuffer.wrap(data);
        }

        /** True on progress, or when a failure was just recorded: its alert may still need a wrap. */
        boolean step(Side peer) {
            boolean failedBefore = failure != null;
            return wrapInto(peer.inbox) | unwrapInbox() | (!failedBefore && failure != null);
        }

        boolean wrapInto(ByteBuffer out) {
            try {
                return engine.wrap(outgoing, out).madeProgress();
            } catch (TlsException e) {
                recordFailure(e);
                return false;
            }
        }

        private boolean unwrapInbox() {
            if (failure != null) {
                return false;
            }
            inbox.flip();
            try {
                return unwrapFrom(inbox);
            } finally {
                inbox.compact();
            }
        }

        /** One unwrap from {@code in}, with its plaintext digested; false on failure. */
        boolean unwrapFrom(ByteBuffer in) {
            try {
                TlsResult result = engine.unwrap(in, plaintext);
                sawClosed |= result.status() == TlsResult.Status.CLOSED;
                plaintext.flip();
                receivedBytes += plaintext.remaining();
                received.update(plaintext);
                plaintext.clear();
                return result.madeProgress();
            } catch (TlsException e) {
                recordFailure(e);
                return false;
            }
        }

        /** Unwraps until no progress, as the core's drain does. */
        void unwrapAll(ByteBuffer in) {
            for (int i = 0; i < MAX_STEPS && failure == null; i++) {
                if (!unwrapFrom(in)) {
                    return;
                }
            }
        }

        /** Everything wrap produces now (outgoing data, alerts, close_notify), as one buffer in read mode. */
        ByteBuffer wrapAll() {
            ByteBuffer out = ByteBuffer.allocate(4 * 1024 * 1024);
            for (int i = 0; i < MAX_STEPS; i++) {
                if (!wrapInto(out)) {
                    break;
                }
            }
            return out.flip();
        }

        private void recordFailure(TlsException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("expected SHA-256 in every JDK", e);
        }
    }
}
