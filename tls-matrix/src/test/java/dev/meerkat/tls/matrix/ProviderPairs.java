package dev.meerkat.tls.matrix;

import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The providers a matrix runs over, for {@code @MethodSource("dev.meerkat.tls.matrix.ProviderPairs#pairs")}:
 * every available provider as server against every available provider as client.
 */
public final class ProviderPairs {

    public static final String PAIRS = "dev.meerkat.tls.matrix.ProviderPairs#pairs";
    public static final String PROVIDERS = "dev.meerkat.tls.matrix.ProviderPairs#availableProviders";

    private ProviderPairs() {
    }

    public static List<String> availableProviders() {
        return TlsProviders.all().stream().filter(p -> p.availability().available()).map(TlsProvider::name).toList();
    }

    /** (server, client) for every pair, server first. */
    public static Stream<Arguments> pairs() {
        return availableProviders().stream()
                .flatMap(server -> availableProviders().stream().map(client -> Arguments.of(server, client)));
    }
}
