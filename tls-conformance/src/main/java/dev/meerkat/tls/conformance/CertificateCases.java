package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.TlsVersion;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every provider makes the same accept/reject decision with the same {@link Kind}, found by walking
 * the Close cause chain.
 */
public abstract class CertificateCases extends RegressionCases {

    private static final Scenario SMALL = Scenario.respond("certificate", 1000);

    /** For subclasses: a backend names its provider in a few lines. */
    protected CertificateCases() {
    }

    /**
     * Proves a client refuses a valid certificate for another host name: a failed handshake of kind
     * HOSTNAME_MISMATCH.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void rejectsACertificateForAnotherHost(TlsVersion version) throws TlsException {
        assertClientRejects(version, pki.wrongHost(), Kind.HOSTNAME_MISMATCH);
    }

    /**
     * Proves a client refuses a chain from a CA it does not trust: kind UNTRUSTED_CERTIFICATE.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void rejectsACertificateFromAnUnknownCa(TlsVersion version) throws TlsException {
        assertClientRejects(version, pki.unknownCa(), Kind.UNTRUSTED_CERTIFICATE);
    }

    /**
     * Proves a client refuses an expired certificate: kind EXPIRED_CERTIFICATE.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void rejectsAnExpiredCertificate(TlsVersion version) throws TlsException {
        assertClientRejects(version, pki.expired(), Kind.EXPIRED_CERTIFICATE);
    }

    /**
     * Proves a server that requires a client certificate fails the handshake of a client without
     * one: kind MISSING_CLIENT_CERTIFICATE. The server requires a client certificate and gets none.
     * In TLS 1.3 the client completes its handshake before the server's alert arrives (RFC 8446
     * section 4.4.2.4), so only the client's end is asserted there: Error, then Close(ERROR).
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void serverRejectsAClientWithoutCertificate(TlsVersion version) throws TlsException {
        ScenarioResult result = run(SMALL, requiringClientCertificate(version), clientConfig(version));
        assertThat(result.serverOutcome()).as("server of %s", result.describe())
                .isEqualTo(new Outcome(List.of("Open", "Accept", "Error", "Close(ERROR)"), 0,
                        Payload.of(new byte[0]).sha256(), CloseReason.ERROR, Kind.MISSING_CLIENT_CERTIFICATE));
        List<String> clientEvents = result.client().signature();
        assertThat(clientEvents.subList(Math.max(0, clientEvents.size() - 2), clientEvents.size()))
                .as("last client events of %s", result.describe()).containsExactly("Error", "Close(ERROR)");
    }

    /**
     * Proves mutual authentication: a client with a certificate gets the whole response, and each
     * side's session holds the other's chain.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void acceptsAValidChainAndClientCertificate(TlsVersion version) throws TlsException {
        TlsConfig client = pki.clientConfig().versions(offered(version)).keyMaterial(pki.client()).build();
        ScenarioResult result = run(SMALL, requiringClientCertificate(version), client);
        assertClient(result, wholeResponse(SMALL));
        assertSession(result.client().session(), version, pki.server());
        assertSession(result.server().session(), version, pki.client());
    }

    private void assertClientRejects(TlsVersion version, KeyMaterial serverMaterial, Kind kind) throws TlsException {
        ScenarioResult result = run(SMALL, serverConfig(version, serverMaterial), clientConfig(version));
        assertClient(result, Outcome.failedHandshake(kind));
    }

    private TlsConfig requiringClientCertificate(TlsVersion version) throws TlsException {
        return pki.serverConfig(pki.server()).versions(offered(version)).trustPem(pki.caPem())
                .clientAuth(TlsConfig.ClientAuth.REQUIRED).build();
    }

    private void assertSession(TlsSession session, TlsVersion version, KeyMaterial peer) {
        assertThat(session).as("TLS session").isNotNull();
        assertThat(session.provider()).as("session provider").isEqualTo(providerName());
        assertThat(session.version()).as("session version").isEqualTo(version);
        assertThat(session.peerCertificates()).as("peer chain").isNotEmpty();
        assertThat(session.peerCertificates().get(0)).as("peer leaf").isEqualTo(peer.leaf());
    }
}
