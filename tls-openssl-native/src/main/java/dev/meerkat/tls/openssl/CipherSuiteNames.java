package dev.meerkat.tls.openssl;

import dev.meerkat.tls.TlsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenSSL cipher names to IANA names (RFC 8446 appendix B.4, RFC 5289, RFC 7905) for the suites this
 * provider enables. BoringSSL names TLS 1.3 suites by their IANA names already, and fixes the TLS 1.3
 * suite list itself (AES-GCM first when the CPU has AES instructions, else ChaCha20).
 */
final class CipherSuiteNames {

    /** TLS 1.2: forward-secret AEAD suites only, AES-128-GCM first (the fastest with AES-NI). */
    private static final Map<String, String> TLS12_OPENSSL_TO_IANA = Map.of(
            "ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    static final String DEFAULT_TLS12 = String.join(":", "ECDHE-ECDSA-AES128-GCM-SHA256",
            "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305");

    private static final List<String> TLS13_IANA = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    private CipherSuiteNames() {
    }

    /** The IANA name of a suite BoringSSL reports; unknown names are returned unchanged. */
    static String toIana(String openSslName) {
        return TLS12_OPENSSL_TO_IANA.getOrDefault(openSslName, openSslName);
    }

    /**
     * The OpenSSL cipher string for the TLS 1.2 suites among {@code ianaNames} (empty: the defaults).
     * TLS 1.3 names are accepted but BoringSSL does not let them be chosen.
     */
    static String tls12CipherString(List<String> ianaNames) throws TlsException {
        if (ianaNames.isEmpty()) {
            return DEFAULT_TLS12;
        }
        List<String> chosen = new ArrayList<>();
        for (String iana : ianaNames) {
            String openSsl = openSslNameOf(iana);
            if (openSsl != null) {
                chosen.add(openSsl);
            } else if (!TLS13_IANA.contains(iana)) {
                throw new TlsException(TlsException.Kind.CONFIGURATION, "expected a cipher suite of "
                        + TLS12_OPENSSL_TO_IANA.values() + " or " + TLS13_IANA + " but was " + iana);
            }
        }
        return chosen.isEmpty() ? DEFAULT_TLS12 : String.join(":", chosen);
    }

    private static String openSslNameOf(String iana) {
        for (Map.Entry<String, String> e : TLS12_OPENSSL_TO_IANA.entrySet()) {
            if (e.getValue().equals(iana)) {
                return e.getKey();
            }
        }
        return null;
    }
}
