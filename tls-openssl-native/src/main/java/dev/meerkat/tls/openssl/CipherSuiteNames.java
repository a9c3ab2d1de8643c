package dev.meerkat.tls.openssl;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.spi.TlsPolicy;
import java.util.List;
import java.util.Map;

/**
 * The TLS policy in BoringSSL's names: OpenSSL cipher names to IANA names (RFC 5289, RFC 7905) for
 * the policy's TLS 1.2 suites, and its group names. BoringSSL names TLS 1.3 suites by their IANA
 * names already, and fixes the TLS 1.3 suite list itself (AES-GCM first when the CPU has AES
 * instructions, else ChaCha20), which is the policy's list.
 */
final class CipherSuiteNames {

    private static final Map<String, String> TLS12_OPENSSL_TO_IANA = Map.of(
            "ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final Map<TlsPolicy.NamedGroup, String> GROUPS = Map.of(
            TlsPolicy.NamedGroup.X25519MLKEM768, "X25519MLKEM768", TlsPolicy.NamedGroup.X25519, "X25519",
            TlsPolicy.NamedGroup.SECP256R1, "P-256", TlsPolicy.NamedGroup.SECP384R1, "P-384");

    private CipherSuiteNames() {
    }

    /**
     * The IANA name of a suite BoringSSL reports; unknown names (TLS 1.3's are IANA names already)
     * come back interned, so the sessions of idle connections share one copy of each.
     */
    static String toIana(String openSslName) {
        return TLS12_OPENSSL_TO_IANA.getOrDefault(openSslName, openSslName).intern();
    }

    /**
     * The OpenSSL cipher string for the policy's TLS 1.2 suites for {@code config}. A config naming
     * only TLS 1.3 suites gets every TLS 1.2 suite of the policy: BoringSSL does not let TLS 1.3
     * suites be chosen, and an empty TLS 1.2 list is refused.
     */
    static String tls12CipherString(TlsConfig config) throws TlsException {
        List<String> chosen = TlsPolicy.suites(config).stream().map(CipherSuiteNames::openSslNameOf)
                .filter(name -> name != null).toList();
        if (chosen.isEmpty()) {
            chosen = TlsPolicy.TLS12_SUITES.stream().map(CipherSuiteNames::openSslNameOf).toList();
        }
        return String.join(":", chosen);
    }

    /** The policy's groups in BoringSSL's names, for SSL_CTX_set1_curves_list; {@code hybrid}: X25519MLKEM768 first. */
    static String[] groups(boolean hybrid) {
        return TlsPolicy.groups(hybrid).stream().map(GROUPS::get).toArray(String[]::new);
    }

    /** The IANA name of a group BoringSSL reports (SSL_get_group_name); unknown names are returned unchanged. */
    static String ianaGroupName(String boringSslName) {
        return GROUPS.entrySet().stream().filter(e -> e.getValue().equals(boringSslName))
                .map(e -> e.getKey().ianaName()).findFirst().orElse(boringSslName);
    }

    private static String openSslNameOf(String iana) {
        return TLS12_OPENSSL_TO_IANA.entrySet().stream().filter(e -> e.getValue().equals(iana))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }
}
