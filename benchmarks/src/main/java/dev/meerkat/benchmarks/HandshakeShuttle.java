package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.spi.TlsEngine;
import java.nio.ByteBuffer;

/**
 * Runs a handshake between a client and a server engine in one thread: each side in turn reads
 * what the other sent and writes what it has pending, until neither moves a byte. A side may stop
 * reading midway because it must write first (the JDK engine will not unwrap while it needs to
 * wrap, e.g. the TLS 1.3 compatibility ChangeCipherSpec after ServerHello), so unread bytes stay in
 * its inbound buffer for the next turn. It goes on after both report completion so that TLS 1.3
 * NewSessionTicket messages are produced and read too, as on a real connection. The buffers are
 * reused from one handshake to the next.
 */
final class HandshakeShuttle {

    /** A full TLS 1.2 or 1.3 handshake takes 2-4 turns per side; more means an engine is stuck. */
    private static final int MAX_ROUNDS = 16;
    /** A flight holds a few records at most: hello, certificate chain, finished. */
    private static final int FLIGHT_CAPACITY = 4 * Transfer.MAX_RECORD;

    private final ByteBuffer toServer = ByteBuffer.allocate(FLIGHT_CAPACITY);
    private final ByteBuffer toClient = ByteBuffer.allocate(FLIGHT_CAPACITY);
    private final ByteBuffer plaintext = ByteBuffer.allocate(2 * Transfer.MAX_RECORD);

    void handshake(TlsEngine client, TlsEngine server) throws TlsException {
        toServer.clear();
        toClient.clear();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean moved = turn(client, toClient, toServer);
            moved |= turn(server, toServer, toClient);
            if (!moved) {
                requireSettled(client, server, round);
                return;
            }
        }
        throw new IllegalStateException("expected the handshake to settle within " + MAX_ROUNDS
                + " rounds but the engines were still exchanging messages; " + states(client, server));
    }

    /** {@code engine} reads from {@code inbound}, then writes into {@code outbound}; true when any byte moved. */
    private boolean turn(TlsEngine engine, ByteBuffer inbound, ByteBuffer outbound) throws TlsException {
        int unread = inbound.position();
        int unsent = outbound.position();
        inbound.flip();
        plaintext.clear();
        Transfer.unwrapAll(engine, inbound, plaintext);
        inbound.compact();
        if (plaintext.position() > 0) {
            throw new IllegalStateException("expected only handshake messages but " + plaintext.position()
                    + " bytes of application data appeared");
        }
        Transfer.wrapPending(engine, outbound);
        return inbound.position() != unread || outbound.position() != unsent;
    }

    private void requireSettled(TlsEngine client, TlsEngine server, int round) {
        if (!client.isHandshakeComplete() || !server.isHandshakeComplete()
                || toServer.position() > 0 || toClient.position() > 0) {
            throw new IllegalStateException("expected both engines to complete the handshake but they stalled in round "
                    + round + "; " + states(client, server));
        }
    }

    private String states(TlsEngine client, TlsEngine server) {
        return "client complete: " + client.isHandshakeComplete() + " with " + toClient.position()
                + " bytes unread, server complete: " + server.isHandshakeComplete() + " with "
                + toServer.position() + " bytes unread";
    }
}
