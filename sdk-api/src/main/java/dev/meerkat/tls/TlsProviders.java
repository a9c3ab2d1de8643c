package dev.meerkat.tls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Finds {@link TlsProvider}s with {@link ServiceLoader} and picks one: an explicit name, else the
 * system property {@value #PROPERTY}, else the available provider with the highest priority. A
 * named provider that is unavailable is an error that says why; there is no silent fallback.
 */
public final class TlsProviders {

    /** The system property naming the provider to use when the code names none. */
    public static final String PROPERTY = "meerkat.tls.provider";

    private TlsProviders() {
    }

    /**
     * Loads the providers anew on each call; ties in priority are ordered by name.
     *
     * @return every provider on the class or module path, highest priority first, available or not
     */
    public static List<TlsProvider> all() {
        List<TlsProvider> found = new ArrayList<>();
        ServiceLoader.load(TlsProvider.class, TlsProviders.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparingInt(TlsProvider::priority).reversed()
                .thenComparing(TlsProvider::name));
        return found;
    }

    /**
     * The provider called {@code name}; fails when it is unknown or unavailable, saying why.
     *
     * @param name the provider's name, e.g. "jdk"
     * @return the available provider of that name
     * @throws TlsException {@link TlsException.Kind#UNAVAILABLE} when no provider has that name
     *                      (the message lists those found) or it is unavailable (with the reason)
     */
    public static TlsProvider named(String name) throws TlsException {
        List<TlsProvider> all = all();
        for (TlsProvider p : all) {
            if (p.name().equals(name)) {
                Availability a = p.availability();
                if (!a.available()) {
                    throw new TlsException(TlsException.Kind.UNAVAILABLE,
                            "TLS provider '" + name + "' is unavailable: " + a.reason());
                }
                return p;
            }
        }
        throw new TlsException(TlsException.Kind.UNAVAILABLE, "no TLS provider named '" + name
                + "'; found: " + all.stream().map(TlsProvider::name).collect(Collectors.joining(", "))
                + " (is its module on the class path?)");
    }

    /**
     * Picks a provider: {@code name} if not null, else the system property {@value #PROPERTY}, else
     * the available provider with the highest priority.
     *
     * @param name the provider's name, or null to let the property or the priority decide
     * @return the provider picked
     * @throws TlsException {@link TlsException.Kind#UNAVAILABLE} when the named provider is unknown
     *                      or unavailable, or when no provider is available at all
     */
    public static TlsProvider select(@Nullable String name) throws TlsException {
        if (name != null) {
            return named(name);
        }
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return named(property.trim());
        }
        List<TlsProvider> all = all();
        for (TlsProvider p : all) {
            if (p.availability().available()) {
                return p;
            }
        }
        throw new TlsException(TlsException.Kind.UNAVAILABLE, all.isEmpty()
                ? "no TLS provider on the class path; add meerkat-tls-jdk or another backend"
                : "no TLS provider is available: " + all.stream()
                        .map(p -> p.name() + " (" + p.availability().reason() + ")")
                        .collect(Collectors.joining(", ")));
    }

    /**
     * A context from the provider {@link #select} picks for {@code name}.
     *
     * @param name   the provider's name, or null for the default
     * @param config what the endpoint needs
     * @return a new context, to be closed when no longer needed
     * @throws TlsException {@link TlsException.Kind#UNAVAILABLE} when no provider can be picked, or
     *                      what the provider's {@link TlsProvider#newContext} throws
     */
    public static TlsContext newContext(@Nullable String name, TlsConfig config) throws TlsException {
        return select(name).newContext(config);
    }
}
