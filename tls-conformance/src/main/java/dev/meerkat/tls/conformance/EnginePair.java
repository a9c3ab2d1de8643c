package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.fail;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.spi.TlsEngine;

/**
 * A client engine and a server engine, of any two providers, wired back to back in memory: no
 * sockets, no threads. {@link #pump()} wraps what each side can send and unwraps it on the other
 * side, in bounded loops, the way the core's TLS layer does. Every loop is bounded and fails the test
 * with what it expected when it does not finish.
 *
 * <p>Closing the pair closes both engines, and the contexts only when the pair made them
 * ({@link #of}); contexts passed to {@link #on} stay the caller's.
 */
public final class EnginePair implements AutoCloseable {

    /** The host name a client engine connects to by default: the name in {@link TestPki}'s server certificate. */
    public static final String HOST = "localhost";
    /** The peer port given to client engines; nothing listens there, it only keys session caches. */
    public static final int PORT = 8443;
    static final int MAX_ROUNDS = 10_000;
    private static final int HANDSHAKE_ROUNDS = 20;
    private static final int FAILURE_ROUNDS = 10;

    /** Where the sides keep their ciphertext and plaintext buffers: native code treats them differently. */
    public enum Buffers {
        /** Buffers on the Java heap, backed by arrays. */
        HEAP,
        /** Direct buffers, outside the heap: what native backends read and write without a copy. */
        DIRECT
    }

    /** The client side: its engine, its outgoing ciphertext and the plaintext it received. */
    public final EngineSide client;
    /** The server side: its engine, its outgoing ciphertext and the plaintext it received. */
    public final EngineSide server;
    private final TlsContext ownedClientContext;
    private final TlsContext ownedServerContext;

    private EnginePair(EngineSide client, EngineSide server, TlsContext ownedClientContext,
                       TlsContext ownedServerContext) {
        this.client = client;
        this.server = server;
        this.ownedClientContext = ownedClientContext;
        this.ownedServerContext = ownedServerContext;
    }

    /**
     * New contexts from the named providers, closed with the pair; the client connects to {@link #HOST}.
     *
     * @param clientProvider the client's provider name, as {@link TlsProviders#named} takes it
     * @param clientConfig   the client's configuration
     * @param serverProvider the server's provider name
     * @param serverConfig   the server's configuration
     * @return the pair, before its handshake
     * @throws TlsException when a context or an engine cannot be made
     */
    public static EnginePair of(String clientProvider, TlsConfig clientConfig, String serverProvider,
                                TlsConfig serverConfig) throws TlsException {
        return of(clientProvider, clientConfig, serverProvider, serverConfig, HOST);
    }

    /**
     * New contexts from the named providers, closed with the pair; the client connects to {@code host}.
     *
     * @param clientProvider the client's provider name, as {@link TlsProviders#named} takes it
     * @param clientConfig   the client's configuration
     * @param serverProvider the server's provider name
     * @param serverConfig   the server's configuration
     * @param host           the host name the client sends (SNI) and checks the certificate against
     * @return the pair, before its handshake
     * @throws TlsException when a context or an engine cannot be made; whatever was made is closed
     */
    public static EnginePair of(String clientProvider, TlsConfig clientConfig, String serverProvider,
                                TlsConfig serverConfig, String host) throws TlsException {
        TlsContext clientContext = TlsProviders.named(clientProvider).newContext(clientConfig);
        try {
            TlsContext serverContext = TlsProviders.named(serverProvider).newContext(serverConfig);
            try {
                return open(clientContext, serverContext, host, Buffers.HEAP, true);
            } catch (TlsException | RuntimeException e) {
                serverContext.close();
                throw e;
            }
        } catch (TlsException | RuntimeException e) {
            clientContext.close();
            throw e;
        }
    }

    /**
     * Engines from contexts the caller keeps and closes; the client connects to {@link #HOST}:{@link #PORT}.
     *
     * @param clientContext makes the client engine
     * @param serverContext makes the server engine
     * @return the pair, before its handshake
     * @throws TlsException when an engine cannot be made
     */
    public static EnginePair on(TlsContext clientContext, TlsContext serverContext) throws TlsException {
        return on(clientContext, serverContext, HOST, Buffers.HEAP);
    }

    /**
     * Engines from contexts the caller keeps and closes, with the sides' buffers in {@code buffers}.
     *
     * @param clientContext makes the client engine
     * @param serverContext makes the server engine
     * @param host          the host name the client sends (SNI) and checks the certificate against
     * @param buffers       heap or direct buffers on both sides
     * @return the pair, before its handshake
     * @throws TlsException when an engine cannot be made
     */
    public static EnginePair on(TlsContext clientContext, TlsContext serverContext, String host, Buffers buffers)
            throws TlsException {
        return open(clientContext, serverContext, host, buffers, false);
    }

    /**
     * Engines the caller made (e.g. for another peer port); the pair closes them.
     *
     * @param client the client engine, not yet used
     * @param server the server engine, not yet used
     * @return the pair, with heap buffers
     */
    public static EnginePair ofEngines(TlsEngine client, TlsEngine server) {
        return new EnginePair(new EngineSide("client", client, Buffers.HEAP),
                new EngineSide("server", server, Buffers.HEAP), null, null);
    }

    /** One engine from each context; the client's is closed again when the server's cannot be made. */
    private static EnginePair open(TlsContext clientContext, TlsContext serverContext, String host, Buffers buffers,
                                   boolean ownsContexts) throws TlsException {
        TlsEngine clientEngine = clientContext.newEngine(host, PORT);
        try {
            TlsEngine serverEngine = serverContext.newEngine(null, 0);
            return new EnginePair(new EngineSide("client " + clientContext.providerName(), clientEngine, buffers),
                    new EngineSide("server " + serverContext.providerName(), serverEngine, buffers),
                    ownsContexts ? clientContext : null, ownsContexts ? serverContext : null);
        } catch (TlsException | RuntimeException e) {
            clientEngine.close();
            throw e;
        }
    }

    /**
     * Pumps until both handshakes completed and nothing is left to send.
     *
     * @return this pair
     * @throws TlsException   when a side's engine fails
     * @throws AssertionError when the handshakes do not complete within 20 rounds
     */
    public EnginePair handshake() throws TlsException {
        for (int round = 0; round < HANDSHAKE_ROUNDS; round++) {
            pump();
            if (client.engine.isHandshakeComplete() && server.engine.isHandshakeComplete() && isQuiet()) {
                return this;
            }
        }
        return fail("expected both handshakes to complete within %d rounds but client complete=%s, server "
                        + "complete=%s", HANDSHAKE_ROUNDS, client.engine.isHandshakeComplete(),
                server.engine.isHandshakeComplete());
    }

    /**
     * One round both ways: the client wraps, the server unwraps it, the server wraps, the client
     * unwraps it.
     *
     * @throws TlsException the first failure of a side
     */
    public void pump() throws TlsException {
        client.flush();
        server.receiveFrom(client);
        server.flush();
        client.receiveFrom(server);
    }

    /**
     * Pumps until the client received {@code clientBytes} and the server {@code serverBytes} of plaintext.
     *
     * @param clientBytes plaintext bytes the client must have received in all
     * @param serverBytes plaintext bytes the server must have received in all
     * @throws TlsException   when a side's engine fails
     * @throws AssertionError when the bytes do not arrive within 10,000 rounds
     */
    public void pumpUntilReceived(int clientBytes, int serverBytes) throws TlsException {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (client.received.size() >= clientBytes && server.received.size() >= serverBytes) {
                return;
            }
            pump();
        }
        fail("expected client to receive %d and server %d bytes but they received %d and %d",
                clientBytes, serverBytes, client.received.size(), server.received.size());
    }

    /**
     * Rounds until both sides have nothing left to send, e.g. to move bulk data.
     *
     * @throws TlsException   when a side's engine fails
     * @throws AssertionError when the pair does not go quiet within 10,000 rounds
     */
    public void pumpUntilQuiet() throws TlsException {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            pump();
            if (isQuiet() && !client.hasDataToSend() && !server.hasDataToSend()) {
                return;
            }
        }
        fail("expected the pair to go quiet within %d rounds", MAX_ROUNDS);
    }

    /**
     * Pumps a fixed number of rounds, keeping each side's first failure instead of throwing it, so
     * that a fatal alert still reaches the peer. For handshakes that must fail; read the failures
     * from each side's {@link EngineSide#failure}.
     *
     * @return this pair
     */
    public EnginePair pumpExpectingFailure() {
        for (int round = 0; round < FAILURE_ROUNDS; round++) {
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

    /** Closes both engines, and the contexts when the pair made them. Idempotent. */
    @Override
    public void close() {
        client.engine.close();
        server.engine.close();
        if (ownedClientContext != null) {
            ownedClientContext.close();
            ownedServerContext.close();
        }
    }
}
