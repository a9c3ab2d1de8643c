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

    /** The name of the provider that made it. */
    String providerName();

    TlsConfig config();

    /**
     * A new engine for one connection. {@code peerHost} is the host the client connects to (used
     * for SNI and hostname checks unless the config names a server name); null on the server.
     */
    TlsEngine newEngine(@Nullable String peerHost, int peerPort) throws TlsException;

    @Override
    void close();
}
