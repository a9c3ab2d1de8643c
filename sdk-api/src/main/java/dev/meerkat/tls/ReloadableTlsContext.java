package dev.meerkat.tls;

import dev.meerkat.tls.spi.TlsEngine;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TlsContext} whose config, and so its certificate, can be replaced while listeners and
 * clients use it: {@link #reload} makes a new context of the same provider, and every connection
 * from then on gets its engine from the new one. Connections already open keep the engine, and the
 * certificate, they started with: the old context is closed, which only refuses new engines.
 *
 * <pre>{@code
 * ReloadableTlsContext tls = ReloadableTlsContext.open(null, TlsConfig.server(material).build());
 * mgr.listen("tls://0.0.0.0:8443", Options.defaults().withTls(tls), handler);
 * tls.reload(TlsConfig.server(KeyMaterial.fromPem(cert, key)).build());   // from any thread
 * }</pre>
 *
 * <p>Works the same on every provider, because it needs nothing from the backend but new contexts.
 */
public final class ReloadableTlsContext implements TlsContext {

    private final TlsProvider provider;
    private volatile TlsContext current;
    private boolean closed;

    private ReloadableTlsContext(TlsProvider provider, TlsContext first) {
        this.provider = provider;
        this.current = first;
    }

    /**
     * A reloadable context of {@code provider}, serving {@code config} until the first reload.
     *
     * @param provider the provider that makes this context and every reloaded one
     * @param config   the first config
     * @return the new context
     * @throws TlsException what {@link TlsProvider#newContext} throws for {@code config}
     */
    public static ReloadableTlsContext open(TlsProvider provider, TlsConfig config) throws TlsException {
        return new ReloadableTlsContext(provider, provider.newContext(config));
    }

    /**
     * A reloadable context of the provider {@link TlsProviders#select} picks for {@code providerName}.
     *
     * @param providerName the provider's name, or null for the default
     * @param config       the first config
     * @return the new context
     * @throws TlsException {@link TlsException.Kind#UNAVAILABLE} when no provider can be picked, or
     *                      what its {@link TlsProvider#newContext} throws for {@code config}
     */
    public static ReloadableTlsContext open(@Nullable String providerName, TlsConfig config) throws TlsException {
        return open(TlsProviders.select(providerName), config);
    }

    /**
     * Serves {@code config} to every connection from now on. The new context is made first: when
     * that fails (an unreadable key, a config the provider refuses) the old one stays in service and
     * the failure is thrown. The role cannot change: a server's context stays a server's. Any
     * thread.
     *
     * @param config the config for new connections, of the same role as the current one
     * @throws TlsException             what {@link TlsProvider#newContext} throws; the old config
     *                                  stays in service
     * @throws IllegalArgumentException when {@code config} is of the other role
     * @throws IllegalStateException    when this context is closed
     */
    public synchronized void reload(TlsConfig config) throws TlsException {
        if (closed) {
            throw new IllegalStateException("expected an open " + providerName() + " TLS context to reload but it was closed");
        }
        TlsConfig.Role role = current.config().role();
        if (Objects.requireNonNull(config, "config").role() != role) {
            throw new IllegalArgumentException("expected a " + role + " config to reload a " + role
                    + " context but was " + config.role());
        }
        TlsContext old = current;
        current = provider.newContext(config);
        old.close();
    }

    @Override
    public String providerName() {
        return provider.name();
    }

    /** The config new connections get. */
    @Override
    public TlsConfig config() {
        return current.config();
    }

    /**
     * An engine of the current context. A reload between reading the context and asking it closes
     * that context: the engine then comes from the new one.
     */
    @Override
    public TlsEngine newEngine(@Nullable String peerHost, int peerPort) throws TlsException {
        TlsContext context = current;
        while (true) {
            try {
                return context.newEngine(peerHost, peerPort);
            } catch (IllegalStateException closedMeanwhile) {
                TlsContext next = current;
                if (next == context) {
                    throw closedMeanwhile;
                }
                context = next;
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        current.close();
    }

    @Override
    public String toString() {
        return "ReloadableTlsContext[" + providerName() + ", " + current + "]";
    }
}
