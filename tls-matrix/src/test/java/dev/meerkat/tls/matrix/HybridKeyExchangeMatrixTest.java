package dev.meerkat.tls.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.bc.BcTlsProvider;
import dev.meerkat.tls.conformance.Outcome;
import dev.meerkat.tls.conformance.Scenario;
import dev.meerkat.tls.conformance.ScenarioResult;
import dev.meerkat.tls.conformance.ScenarioRunner;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.spi.TlsPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which client/server pairs negotiate the post-quantum hybrid X25519MLKEM768 (issue 13; the README's
 * "Post-quantum key exchange" table): every available provider, and bc on its own crypto
 * ({@code BcTlsCrypto}, "bc-bccrypto"), in both roles over TLS 1.3. Each side reports the group its
 * engine saw: the hybrid exactly when both providers offer it, else X25519, the policy's next group.
 * jdk cannot report its group (SSLSession has no API for it), so a jdk side is held to null and the
 * other side says what was negotiated.
 */
@Timeout(60)
class HybridKeyExchangeMatrixTest {

    private static final TestPki PKI = TestPki.get();
    private static final String HYBRID = TlsPolicy.NamedGroup.X25519MLKEM768.ianaName();
    private static final String FALLBACK = TlsPolicy.NamedGroup.X25519.ianaName();
    private static final Pattern OPENSSL_VERSION = Pattern.compile("OpenSSL (\\d+)\\.(\\d+)");

    /**
     * The providers by label: the available ones that speak TLS 1.3, where the hybrid lives (not
     * mbedtls 2.28, whose own row says why it offers none), and bc on BC's own crypto.
     */
    static Map<String, TlsProvider> providers() {
        Map<String, TlsProvider> providers = new LinkedHashMap<>();
        TlsProviders.all().stream().filter(p -> p.availability().available())
                .filter(p -> p.capabilities().versions().contains(TlsVersion.TLS_1_3))
                .forEach(p -> providers.put(p.name(), p));
        providers.put("bc-bccrypto", BcTlsProvider.withCrypto(BcTlsProvider.Crypto.BC));
        return providers;
    }

    static Stream<Arguments> pairs() {
        return providers().keySet().stream()
                .flatMap(server -> providers().keySet().stream().map(client -> Arguments.of(server, client)));
    }

    /** What each backend offers on this JDK and library, pinned so that a silent fallback fails. */
    @Test
    void offersTheHybridWhereTheBackendHasIt() {
        Map<String, TlsProvider> providers = providers();
        assertThat(providers).containsKeys("jdk", "bc");
        assertThat(offers(providers.get("jdk"))).as("jdk").isFalse();
        assertThat(offers(providers.get("bc"))).as("bc on the JDK's crypto, JDK %s", Runtime.version())
                .isEqualTo(Runtime.version().feature() >= 24);
        assertThat(offers(providers.get("bc-bccrypto"))).as("bc on BcTlsCrypto").isTrue();
        if (providers.containsKey("openssl")) {
            assertThat(offers(providers.get("openssl"))).as("BoringSSL of netty-tcnative 2.0.84").isTrue();
        }
        if (providers.containsKey("openssl-jna")) {
            String library = providers.get("openssl-jna").availability().library();
            assertThat(offers(providers.get("openssl-jna"))).as("openssl-jna on %s", library)
                    .isEqualTo(atLeast35(library));
        }
    }

    @ParameterizedTest(name = "{0} server, {1} client")
    @MethodSource("pairs")
    void negotiatesTheHybridExactlyWhenBothOfferIt(String server, String client) throws TlsException {
        Map<String, TlsProvider> providers = providers();
        String expected = offers(providers.get(server)) && offers(providers.get(client)) ? HYBRID : FALLBACK;
        Scenario scenario = Scenario.respond("hybrid", 1000);
        TlsConfig serverConfig = PKI.serverConfig(PKI.server()).versions(TlsVersion.TLS_1_3).build();
        TlsConfig clientConfig = PKI.clientConfig().versions(TlsVersion.TLS_1_3).build();
        ScenarioResult result;
        try (TlsContext serverContext = providers.get(server).newContext(serverConfig);
             TlsContext clientContext = providers.get(client).newContext(clientConfig)) {
            result = ScenarioRunner.run(scenario, serverContext, clientContext);
        }

        assertThat(result.clientOutcome()).as("client of %s", result.describe())
                .isEqualTo(Outcome.delivered(scenario.response(), scenario.response().length(), CloseReason.CLEAN));
        assertGroup(result.server().session(), expected, "server " + server);
        assertGroup(result.client().session(), expected, "client " + client);
    }

    private static void assertGroup(TlsSession session, String expected, String side) {
        assertThat(session).as("%s session", side).isNotNull();
        assertThat(session.namedGroup()).as("group %s reports", side)
                .isEqualTo(session.provider().equals("jdk") ? null : expected);
    }

    private static boolean offers(TlsProvider provider) {
        return provider.hybridKeyExchange().supported();
    }

    private static boolean atLeast35(String library) {
        Matcher m = OPENSSL_VERSION.matcher(library);
        assertThat(m.find()).as("OpenSSL version in %s", library).isTrue();
        int major = Integer.parseInt(m.group(1));
        return major > 3 || major == 3 && Integer.parseInt(m.group(2)) >= 5;
    }
}
