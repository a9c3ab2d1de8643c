package dev.meerkat.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/** The TLS providers the real-peer tests run, and the check that each is there. */
final class RealPeerProviders {

    static final List<String> NAMES = List.of("jdk", "bc", "openssl", "openssl-jna", "mbedtls");

    private RealPeerProviders() {
    }

    static Stream<String> names() {
        return NAMES.stream();
    }

    /** Every provider with TLS 1.2 and with TLS 1.3; {@link #require(String, TlsVersion)} skips what one lacks. */
    static Stream<Arguments> namesAndVersions() {
        return NAMES.stream().flatMap(name -> Stream.of(TlsVersion.values()).map(v -> Arguments.of(name, v)));
    }

    /**
     * Fails on CI ({@code CI=true}) when the provider is missing or unavailable, since the build
     * ships them all; elsewhere the test is skipped with the provider's own reason.
     */
    static void require(String name) {
        List<TlsProvider> all = TlsProviders.all();
        String problem = all.stream().filter(p -> p.name().equals(name)).findFirst()
                .map(RealPeerProviders::unavailability)
                .orElse("it is not on the class path; found: "
                        + all.stream().map(TlsProvider::name).collect(Collectors.joining(", ")));
        if (problem.isEmpty()) {
            return;
        }
        String message = "expected the TLS provider '" + name + "' to be available but " + problem;
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true: every provider must run)");
        }
        Assumptions.abort(message + "; skipped outside CI");
    }

    /**
     * Like {@link #require(String)}, and skips the case, saying why, when the provider's declared
     * capabilities lack {@code version} (mbedtls: TLS 1.2 only).
     */
    static void require(String name, TlsVersion version) throws TlsException {
        require(name);
        Set<TlsVersion> declared = TlsProviders.named(name).capabilities().versions();
        Assumptions.assumeTrue(declared.contains(version), () -> name + " declares " + declared
                + " in its capabilities, not " + version.protocolName() + ": the case does not apply");
    }

    /** The newest version the provider declares, for cases about something else than versions. */
    static TlsVersion newest(String name) throws TlsException {
        return TlsProviders.named(name).capabilities().versions().contains(TlsVersion.TLS_1_3)
                ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2;
    }

    private static String unavailability(TlsProvider provider) {
        Availability availability = provider.availability();
        return availability.available() ? "" : "it is unavailable: " + availability.reason();
    }
}
