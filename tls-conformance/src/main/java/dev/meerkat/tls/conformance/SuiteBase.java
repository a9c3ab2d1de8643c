package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;

/**
 * What every part of the {@link TlsConformanceSuite} shares: the provider under test, its contexts
 * (overridable, so that a test can wrap an engine), the test PKI, and running a scenario.
 */
public abstract class SuiteBase {

    protected final TestPki pki = TestPki.get();

    /** For subclasses: a backend names its provider in a few lines. */
    protected SuiteBase() {
    }

    /** The provider under test, for both the client and the server. It must be available. */
    protected abstract String providerName();

    /** The client context for {@code config}; override to wrap or replace the provider's engine. */
    protected TlsContext clientContext(TlsConfig config) throws TlsException {
        return TlsProviders.named(providerName()).newContext(config);
    }

    /** The server context for {@code config}; override to wrap or replace the provider's engine. */
    protected TlsContext serverContext(TlsConfig config) throws TlsException {
        return TlsProviders.named(providerName()).newContext(config);
    }

    /**
     * A client that trusts the test CA and checks the host name, speaking only {@code version}; the
     * case is skipped when the provider does not declare that version ({@link OfferedVersions}).
     */
    protected TlsConfig clientConfig(TlsVersion version) {
        return pki.clientConfig().versions(offered(version)).build();
    }

    protected TlsConfig serverConfig(TlsVersion version, KeyMaterial material) {
        return pki.serverConfig(material).versions(offered(version)).build();
    }

    /** {@code version}, or the running case is skipped because the provider does not declare it. */
    protected final TlsVersion offered(TlsVersion version) {
        return OfferedVersions.require(providerName(), version);
    }

    /** The newest version the provider declares, for cases about something else than versions. */
    protected final TlsVersion newestVersion() {
        return OfferedVersions.newest(providerName());
    }

    /** Runs {@code scenario} with the default server certificate. */
    protected final ScenarioResult run(TlsVersion version, Scenario scenario) throws TlsException {
        return run(scenario, serverConfig(version, pki.server()), clientConfig(version));
    }

    protected final ScenarioResult run(Scenario scenario, TlsConfig server, TlsConfig client) throws TlsException {
        try (TlsContext serverContext = serverContext(server); TlsContext clientContext = clientContext(client)) {
            return ScenarioRunner.run(scenario, serverContext, clientContext);
        }
    }

    /** Runs {@code scenario} and asserts the client saw exactly {@code expected}. */
    protected final ScenarioResult assertClientSees(TlsVersion version, Scenario scenario, Outcome expected)
            throws TlsException {
        ScenarioResult result = run(version, scenario);
        assertClient(result, expected);
        return result;
    }

    protected static void assertClient(ScenarioResult result, Outcome expected) {
        assertThat(result.clientOutcome()).as("client of %s", result.describe()).isEqualTo(expected);
    }

    /** Everything the server sent, then close_notify. */
    protected static Outcome wholeResponse(Scenario scenario) {
        return Outcome.delivered(scenario.response(), scenario.response().length(), CloseReason.CLEAN);
    }
}
