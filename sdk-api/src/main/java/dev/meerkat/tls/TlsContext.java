package dev.meerkat.tls;

import dev.meerkat.tls.spi.TlsEngine;
import org.jspecify.annotations.Nullable;

/**
 * A provider's shared state for one {@link TlsConfig}: parsed keys, trust, session cache. Makes one
 * engine per connection. Thread-safe: engines of one context may run on different threads at once.
 * {@link #close()} refuses new engines ({@link IllegalStateException}); engines already made keep
 * working and native resources are freed when the last of them closes.
 */
public interface TlsContext extends AutoCloseable {

    /** {@return the name of the provider that made it} */
    String providerName();

    /** {@return the config this context was made for} */
    TlsConfig config();

    /**
     * A new engine for one connection. {@code peerHost} is the host the client connects to (used
     * for SNI and hostname checks unless the config names a server name); null on the server. Any
     * thread.
     *
     * @param peerHost the host the client connects to, or null on the server
     * @param peerPort the peer's port; client session caches are keyed by host and port
     * @return a new engine, not yet started
     * @throws TlsException          when the backend cannot make an engine from this config
     * @throws IllegalStateException when the context is closed
     */
    TlsEngine newEngine(@Nullable String peerHost, int peerPort) throws TlsException;

    /**
     * Refuses new engines from now on. Engines already made keep working; native resources are
     * freed when the last of them closes. Idempotent, and callable from any thread.
     */
    @Override
    void close();
}
