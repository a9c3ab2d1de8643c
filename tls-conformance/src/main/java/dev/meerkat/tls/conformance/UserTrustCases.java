package dev.meerkat.tls.conformance;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The user's own X509TrustManager (here the JDK's PKIX one over a key store) decides the server's
 * chain on every provider, through the shared PeerVerifier, which still checks the host name.
 */
public abstract class UserTrustCases extends HostileCases {

    private static final Scenario SMALL = Scenario.respond("user-trust", 1000);

    /** For subclasses: a backend names its provider in a few lines. */
    protected UserTrustCases() {
    }

    /**
     * Proves a client whose own trust manager trusts the test CA completes the handshake and gets
     * the whole response.
     *
     * @param version the TLS version both sides speak
     * @throws Exception when a context or the trust manager cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void userTrustManagerAcceptsTheServerItTrusts(TlsVersion version) throws Exception {
        assertClient(run(SMALL, serverConfig(version, pki.server()), userTrustClient(version)), wholeResponse(SMALL));
    }

    /**
     * Proves the user's trust manager decides: a chain from another CA fails with kind
     * UNTRUSTED_CERTIFICATE.
     *
     * @param version the TLS version both sides speak
     * @throws Exception when a context or the trust manager cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void userTrustManagerRejectsAnUnknownCa(TlsVersion version) throws Exception {
        assertUserTrustClientRejects(version, pki.unknownCa(), Kind.UNTRUSTED_CERTIFICATE);
    }

    /**
     * Proves a user's trust manager does not turn off the host name check: a trusted chain for
     * another host fails with kind HOSTNAME_MISMATCH.
     *
     * @param version the TLS version both sides speak
     * @throws Exception when a context or the trust manager cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void userTrustManagerKeepsTheHostNameCheck(TlsVersion version) throws Exception {
        assertUserTrustClientRejects(version, pki.wrongHost(), Kind.HOSTNAME_MISMATCH);
    }

    private void assertUserTrustClientRejects(TlsVersion version, KeyMaterial serverKeys, Kind kind) throws Exception {
        assertClient(run(SMALL, serverConfig(version, serverKeys), userTrustClient(version)),
                Outcome.failedHandshake(kind));
    }

    private TlsConfig userTrustClient(TlsVersion version) throws Exception {
        return TlsConfig.client().trustManager(JsseStores.trustManager(JsseStores.caCertificate(pki)))
                .versions(offered(version)).build();
    }
}
