package dev.meerkat.tls.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.faults.Fault;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.OfferedVersions;
import dev.meerkat.tls.conformance.Outcome;
import dev.meerkat.tls.conformance.Scenario;
import dev.meerkat.tls.conformance.ScenarioResult;
import dev.meerkat.tls.conformance.ScenarioRunner;
import dev.meerkat.tls.conformance.TestPki;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every available client provider against every available server provider, TLS 1.2 and 1.3. Each
 * pair must produce exactly the outcome that the suite expects of a single provider, so all pairs
 * produce identical outcomes. The providers are this module's test dependencies (tls-jdk, tls-bc,
 * tls-openssl-native, tls-openssl-jna, tls-mbedtls); one that is unavailable here (a native library
 * that does not load) drops out, except jdk, which must be there. A pair with a provider that does
 * not declare the version (mbedtls: TLS 1.2 only) is skipped by {@link OfferedVersions}, saying so.
 */
@Timeout(60)
class CrossMatrixTest {

    private static final TestPki PKI = TestPki.get();
    private static final int[] WRITES = {1000, 12000, 300, 5000};

    /** (server, client, version): every provider pair of {@link ProviderPairs} with each TLS version. */
    static Stream<Arguments> pairs() {
        return ProviderPairs.pairs().flatMap(pair -> Stream.of(TlsVersion.values())
                .map(version -> Arguments.of(pair.get()[0], pair.get()[1], version)));
    }

    /** The matrix depends on tls-jdk: without it every other test here would pass vacuously. */
    @Test
    void seesAtLeastTheJdkProvider() {
        assertThat(ProviderPairs.availableProviders()).contains("jdk");
    }

    @ParameterizedTest(name = "{0} server, {1} client, {2}")
    @MethodSource("pairs")
    void cleanTransfer(String server, String client, TlsVersion version) throws TlsException {
        Scenario scenario = Scenario.respond("matrix-clean", WRITES);
        ScenarioResult result = run(server, client, version, scenario, clientConfig(version));
        assertClient(result, Outcome.delivered(scenario.response(), scenario.response().length(), CloseReason.CLEAN));
    }

    @ParameterizedTest(name = "{0} server, {1} client, {2}")
    @MethodSource("pairs")
    void missingCloseNotify(String server, String client, TlsVersion version) throws TlsException {
        Scenario scenario = Scenario.respond("matrix-no-close-notify", WRITES).withFaults(new Fault.DropCloseNotify());
        ScenarioResult result = run(server, client, version, scenario, clientConfig(version));
        assertClient(result, Outcome.delivered(scenario.response(), scenario.response().length(),
                CloseReason.TRUNCATED_NO_CLOSE_NOTIFY));
    }

    @ParameterizedTest(name = "{0} server, {1} client, {2}")
    @MethodSource("pairs")
    void partialRecord(String server, String client, TlsVersion version) throws TlsException {
        Scenario scenario = Scenario.respond("matrix-partial", WRITES).withFaults(new Fault.PartialRecordAtEnd());
        ScenarioResult result = run(server, client, version, scenario, clientConfig(version));
        int delivered = result.layout().deliveredWhenCutBefore(2);
        assertClient(result, Outcome.delivered(scenario.response(), delivered, CloseReason.TRUNCATED_PARTIAL_RECORD));
    }

    @ParameterizedTest(name = "{0} server, {1} client, {2}")
    @MethodSource("pairs")
    void acceptsValidCertificates(String server, String client, TlsVersion version) throws TlsException {
        Scenario scenario = Scenario.respond("matrix-mtls", 1000);
        TlsConfig withClientCertificate = PKI.clientConfig().versions(version).keyMaterial(PKI.client()).build();
        ScenarioResult result = run(server, client, version, scenario, withClientCertificate);
        assertClient(result, Outcome.delivered(scenario.response(), scenario.response().length(), CloseReason.CLEAN));
        assertThat(result.client().session().provider()).as("client session provider").isEqualTo(client);
        assertThat(result.server().session().provider()).as("server session provider").isEqualTo(server);
        assertThat(result.client().session().version()).as("client session version").isEqualTo(version);
        assertThat(result.server().session().peerCertificates()).as("client chain seen by the server").isNotEmpty();
    }

    private static ScenarioResult run(String server, String client, TlsVersion version, Scenario scenario,
                                      TlsConfig clientConfig) throws TlsException {
        OfferedVersions.require(server, version);
        OfferedVersions.require(client, version);
        TlsConfig serverConfig = PKI.serverConfig(PKI.server()).versions(version).trustPem(PKI.caPem())
                .clientAuth(TlsConfig.ClientAuth.OPTIONAL).build();
        try (TlsContext serverContext = TlsProviders.named(server).newContext(serverConfig);
             TlsContext clientContext = TlsProviders.named(client).newContext(clientConfig)) {
            return ScenarioRunner.run(scenario, serverContext, clientContext);
        }
    }

    private static TlsConfig clientConfig(TlsVersion version) {
        return PKI.clientConfig().versions(version).build();
    }

    private static void assertClient(ScenarioResult result, Outcome expected) {
        assertThat(result.clientOutcome()).as("client of %s", result.describe()).isEqualTo(expected);
    }
}
