package dev.meerkat.tls.spi;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The life cycle every {@link TlsContext} shares: it belongs to one provider and one config, a
 * closed context refuses new engines with {@link IllegalStateException} (engines already made keep
 * working), and {@link #close()} releases the backend's resources exactly once however often, and
 * from whichever thread, it is called.
 */
public abstract class BaseTlsContext implements TlsContext {

    private final String providerName;
    private final TlsConfig config;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * An open context.
     *
     * @param providerName the name of the provider that makes it
     * @param config       the config it serves
     */
    protected BaseTlsContext(String providerName, TlsConfig config) {
        this.providerName = Objects.requireNonNull(providerName, "providerName");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public final String providerName() {
        return providerName;
    }

    @Override
    public final TlsConfig config() {
        return config;
    }

    @Override
    public final TlsEngine newEngine(@Nullable String peerHost, int peerPort) throws TlsException {
        if (closed.get()) {
            throw new IllegalStateException("expected an open " + providerName + " TLS context but it was closed");
        }
        return openEngine(peerHost, peerPort);
    }

    /** Idempotent: {@link #release()} runs on the first call only. */
    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    /** {@return true once {@link #close()} was called} Any thread. */
    protected final boolean isClosed() {
        return closed.get();
    }

    /**
     * A new engine for one connection; called only while the context is open, from any thread.
     *
     * @param peerHost the host the client connects to, or null on the server
     * @param peerPort the peer's port
     * @return a new engine, not yet started
     * @throws TlsException when the backend cannot make an engine from this config
     */
    protected abstract TlsEngine openEngine(@Nullable String peerHost, int peerPort) throws TlsException;

    /** Frees what the context holds (caches, native objects); called once, by the first {@link #close()}. */
    protected abstract void release();
}
