package dev.meerkat.tls.spi;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.Capabilities;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import java.util.Objects;

/**
 * What every {@link TlsProvider} does the same way: its name, priority and capabilities as data, and
 * a {@link #newContext} that refuses with {@link TlsException.Kind#UNAVAILABLE} and the reason when
 * {@link #availability()} says the library is missing. A backend says how it probes its library and
 * how it makes a context; nothing else.
 *
 * <p>Subclasses must keep the constructor cheap and free of library types: {@link
 * java.util.ServiceLoader} instantiates every provider, loaded or not.
 */
public abstract class BaseTlsProvider implements TlsProvider {

    private final String name;
    private final int priority;
    private final Capabilities capabilities;

    /**
     * A provider's constant facts. Keep the subclass constructor as cheap as this one.
     *
     * @param name         the name users select it by
     * @param priority     its rank when no provider is named: higher wins
     * @param capabilities what it supports
     */
    protected BaseTlsProvider(String name, int priority, Capabilities capabilities) {
        this.name = Objects.requireNonNull(name, "name");
        this.priority = priority;
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int priority() {
        return priority;
    }

    @Override
    public final Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public final TlsContext newContext(TlsConfig config) throws TlsException {
        Availability availability = availability();
        if (!availability.available()) {
            throw new TlsException(TlsException.Kind.UNAVAILABLE,
                    "TLS provider '" + name + "' is unavailable: " + availability.reason());
        }
        if (config.needsJsse() && !takesJsse()) {
            throw new TlsException(TlsException.Kind.CONFIGURATION, "TLS provider '" + name + "' cannot use"
                    + " the config's " + (config.sslContext() != null ? "SSLContext" : "KeyManager")
                    + ": only an SSLEngine provider (jdk) can; give KeyMaterial instead");
        }
        if (config.keyLogFile() != null && !keyLogging().supported()) {
            throw new TlsException(TlsException.Kind.CONFIGURATION, "TLS provider '" + name + "' cannot write the key"
                    + " log " + config.keyLogFile() + ": " + keyLogging().detail());
        }
        return openContext(config);
    }

    /**
     * {@return true for a provider on SSLEngine, which can use the config's JSSE key manager and
     * SSLContext} The default is false: {@link #newContext} then refuses such a config.
     */
    protected boolean takesJsse() {
        return false;
    }

    /**
     * A context for {@code config}; called only when {@link #availability()} says available.
     *
     * @param config what the endpoint needs
     * @return a new context
     * @throws TlsException {@link TlsException.Kind#CONFIGURATION} when the backend cannot use the
     *                      config (keys, suites, versions)
     */
    protected abstract TlsContext openContext(TlsConfig config) throws TlsException;
}
