package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.TlsEngine;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk data through an established in-memory engine pair: each operation the client wraps
 * {@code payloadBytes} of application data (full 16 KiB records) and the server unwraps all of it,
 * in one thread, with heap buffers as the core's TLS layer uses. Score: operations per second;
 * multiply by {@code payloadBytes} for payload bytes per second ({@link Summary} does). Subclasses
 * say which provider and version are measured; JMH runs each of them as a suite of its own.
 */
@State(Scope.Thread)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class EnginePairThroughput {

    @Param({"65536"})
    public int payloadBytes;

    private ContextPair contexts;
    private TlsEngine client;
    private TlsEngine server;
    private ByteBuffer plaintext;
    private ByteBuffer wire;
    private ByteBuffer received;

    /** The provider under test; called once per trial. */
    protected abstract TlsProvider provider() throws TlsException;

    /** The version pinned for the trial; each subclass has only versions its providers offer. */
    protected abstract TlsVersion version();

    @Setup(Level.Trial)
    public void connect() throws TlsException {
        contexts = ContextPair.open(provider(), version());
        client = contexts.newClient(443);
        server = contexts.newServer();
        new HandshakeShuttle().handshake(client, server);
        contexts.requirePinnedFullHandshake(client);
        plaintext = randomPayload(payloadBytes);
        wire = ByteBuffer.allocate(Transfer.wireCapacity(payloadBytes));
        received = ByteBuffer.allocate(payloadBytes + server.plaintextRoom());
        clientWrapsServerUnwraps();
        requireReceivedEqualsSent();
    }

    @Benchmark
    public int clientWrapsServerUnwraps() throws TlsException {
        plaintext.rewind();
        wire.clear();
        received.clear();
        Transfer.wrapAll(client, plaintext, wire);
        wire.flip();
        int produced = Transfer.unwrapAll(server, wire, received);
        if (produced != payloadBytes || wire.hasRemaining()) {
            throw new IllegalStateException("expected the server to decrypt " + payloadBytes + " bytes but it produced "
                    + produced + " and left " + wire.remaining() + " ciphertext bytes");
        }
        return produced;
    }

    @TearDown(Level.Trial)
    public void disconnect() {
        try {
            client.close();
            server.close();
        } finally {
            contexts.close();
        }
    }

    private void requireReceivedEqualsSent() {
        if (!received.flip().equals(plaintext.rewind())) {
            throw new IllegalStateException("expected the server to decrypt exactly the bytes the client sent but "
                    + client.session().provider() + " " + version() + " delivered different bytes");
        }
    }

    private static ByteBuffer randomPayload(int size) {
        byte[] bytes = new byte[size];
        new Random(2570).nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }
}
