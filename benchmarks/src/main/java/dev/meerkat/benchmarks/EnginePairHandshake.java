package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.TlsEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full handshake per operation: a fresh client and server engine from long-lived contexts
 * (as a server's listener and a client's connector hold them), both run in one thread until
 * neither has anything to send, then closed. Each client engine gets a new port so that no session
 * cache can resume, and every operation checks that none did. Score: the time for both sides'
 * work together, including certificate verification and TLS 1.3 session tickets. The warm-up is
 * longer than the bulk suites': the JDK and Bouncy Castle handshake paths are large and were still
 * getting faster after 3 x 2 s. Subclasses say which provider and version are measured.
 */
@State(Scope.Thread)
@Fork(2)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class EnginePairHandshake {

    /** Larger than any provider's client session cache, so a port comes back only after eviction. */
    private static final int PORTS = 65_535;

    private ContextPair contexts;
    private final HandshakeShuttle shuttle = new HandshakeShuttle();
    private int port;

    /** The provider under test; called once per trial. */
    protected abstract TlsProvider provider() throws TlsException;

    /** The version pinned for the trial; each subclass has only versions its providers offer. */
    protected abstract TlsVersion version();

    @Setup(Level.Trial)
    public void openContexts() throws TlsException {
        contexts = ContextPair.open(provider(), version());
        fullHandshake();
    }

    @Benchmark
    public TlsSession fullHandshake() throws TlsException {
        try (TlsEngine client = contexts.newClient(nextPort()); TlsEngine server = contexts.newServer()) {
            shuttle.handshake(client, server);
            return contexts.requirePinnedFullHandshake(client);
        }
    }

    @TearDown(Level.Trial)
    public void closeContexts() {
        contexts.close();
    }

    private int nextPort() {
        port = port % PORTS + 1;
        return port;
    }
}
