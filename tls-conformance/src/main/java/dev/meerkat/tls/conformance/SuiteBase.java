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

    /** The shared test PKI: CA, server and client certificates, bad certificates for the failure cases. */
    protected final TestPki pki = TestPki.get();

    /** For subclasses: a backend names its provider in a few lines. */
    protected SuiteBase() {
    }

    /**
     * The provider under test, for both the client and the server. It must be available: an
     * unavailable provider fails the suite, it does not skip it.
     *
     * @return the provider's name, as {@link TlsProviders#named} takes it
     */
    protected abstract String providerName();

    /**
     * The client context for {@code config}; override to wrap or replace the provider's engine.
     *
     * @param config the client configuration of the case
     * @return a new context, closed by the caller
     * @throws TlsException when the provider refuses the configuration
     */
    protected TlsContext clientContext(TlsConfig config) throws TlsException {
        return TlsProviders.named(providerName()).newContext(config);
    }

    /**
     * The server context for {@code config}; override to wrap or replace the provider's engine.
     *
     * @param config the server configuration of the case
     * @return a new context, closed by the caller
     * @throws TlsException when the provider refuses the configuration
     */
    protected TlsContext serverContext(TlsConfig config) throws TlsException {
        return TlsProviders.named(providerName()).newContext(config);
    }

    /**
     * A client that trusts the test CA and checks the host name, speaking only {@code version}; the
     * case is skipped when the provider does not declare that version ({@link OfferedVersions}).
     *
     * @param version the one TLS version offered
     * @return the configuration
     */
    protected TlsConfig clientConfig(TlsVersion version) {
        return pki.clientConfig().versions(offered(version)).build();
    }

    /**
     * A server with {@code material}, speaking only {@code version}.
     *
     * @param version  the one TLS version accepted
     * @param material the server's key and certificate chain
     * @return the configuration
     */
    protected TlsConfig serverConfig(TlsVersion version, KeyMaterial material) {
        return pki.serverConfig(material).versions(offered(version)).build();
    }

    /**
     * {@code version}, or the running case is skipped because the provider does not declare it.
     *
     * @param version the version the case needs
     * @return {@code version}
     */
    protected final TlsVersion offered(TlsVersion version) {
        return OfferedVersions.require(providerName(), version);
    }

    /** {@return the newest version the provider declares, for cases about something else than versions} */
    protected final TlsVersion newestVersion() {
        return OfferedVersions.newest(providerName());
    }

    /**
     * Runs {@code scenario} with the default server certificate.
     *
     * @param version  the one TLS version both sides speak
     * @param scenario the exchange and the proxy's faults
     * @return both sides' logs
     * @throws TlsException   when a context cannot be made
     * @throws AssertionError when the scenario does not finish within {@link ScenarioRunner#DEADLINE}
     */
    protected final ScenarioResult run(TlsVersion version, Scenario scenario) throws TlsException {
        return run(scenario, serverConfig(version, pki.server()), clientConfig(version));
    }

    /**
     * Runs {@code scenario} with contexts made from these configurations, closed afterwards.
     *
     * @param scenario the exchange and the proxy's faults
     * @param server   the server's configuration
     * @param client   the client's configuration
     * @return both sides' logs
     * @throws TlsException   when a context cannot be made
     * @throws AssertionError when the scenario does not finish within {@link ScenarioRunner#DEADLINE}
     */
    protected final ScenarioResult run(Scenario scenario, TlsConfig server, TlsConfig client) throws TlsException {
        try (TlsContext serverContext = serverContext(server); TlsContext clientContext = clientContext(client)) {
            return ScenarioRunner.run(scenario, serverContext, clientContext);
        }
    }

    /**
     * Runs {@code scenario} and asserts the client saw exactly {@code expected}.
     *
     * @param version  the one TLS version both sides speak
     * @param scenario the exchange and the proxy's faults
     * @param expected the client's events, bytes, digest and close reason
     * @return both sides' logs, for further checks
     * @throws TlsException   when a context cannot be made
     * @throws AssertionError when the client saw anything else, with both logs in the message
     */
    protected final ScenarioResult assertClientSees(TlsVersion version, Scenario scenario, Outcome expected)
            throws TlsException {
        ScenarioResult result = run(version, scenario);
        assertClient(result, expected);
        return result;
    }

    /**
     * Asserts the client of {@code result} saw exactly {@code expected}.
     *
     * @param result   a finished scenario
     * @param expected the client's events, bytes, digest and close reason
     * @throws AssertionError when the client saw anything else, with both logs in the message
     */
    protected static void assertClient(ScenarioResult result, Outcome expected) {
        assertThat(result.clientOutcome()).as("client of %s", result.describe()).isEqualTo(expected);
    }

    /**
     * What a client sees when every response byte arrives, then close_notify.
     *
     * @param scenario the scenario whose response is expected whole
     * @return the outcome: every byte and Close(CLEAN)
     */
    protected static Outcome wholeResponse(Scenario scenario) {
        return Outcome.delivered(scenario.response(), scenario.response().length(), CloseReason.CLEAN);
    }
}
