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

    public static final String PROPERTY = "meerkat.tls.provider";

    private TlsProviders() {
    }

    /** Every provider on the class or module path, highest priority first, available or not. */
    public static List<TlsProvider> all() {
        List<TlsProvider> found = new ArrayList<>();
        ServiceLoader.load(TlsProvider.class, TlsProviders.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparingInt(TlsProvider::priority).reversed()
                .thenComparing(TlsProvider::name));
        return found;
    }

    /** The provider called {@code name}; fails when it is unknown or unavailable, saying why. */
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

    /** {@code name} if not null, else the system property, else the best available provider. */
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

    /** A context from the provider {@link #select} picks for {@code name} (null: the default). */
    public static TlsContext newContext(@Nullable String name, TlsConfig config) throws TlsException {
        return select(name).newContext(config);
    }
}
