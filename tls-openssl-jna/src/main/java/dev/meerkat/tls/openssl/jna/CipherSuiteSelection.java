package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Pointer;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a config's IANA cipher suite names to an SSL_CTX. OpenSSL names TLS 1.2 suites its own way
 * ("ECDHE-ECDSA-AES128-GCM-SHA256") and keeps TLS 1.3 suites in a separate list, so the names are
 * translated through the library's own table (SSL_CIPHER_standard_name / SSL_CIPHER_get_name).
 */
final class CipherSuiteSelection {

    /** Every TLS 1.3 suite OpenSSL 3.0 implements, so that the table lists them all. */
    private static final String ALL_TLS13 = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
            + "TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256";
    private static final String TLS13 = "TLSv1.3";

    private CipherSuiteSelection() {
    }

    /**
     * Restricts {@code context} to {@code ianaNames}, in that order. Returns the versions that still
     * have a suite: a list without TLS 1.2 suites leaves only TLS 1.3, and the reverse.
     */
    static Versions apply(Pointer context, List<String> ianaNames) throws TlsException {
        Map<String, Entry> table = table(context);
        List<String> tls12 = new ArrayList<>();
        List<String> tls13 = new ArrayList<>();
        for (String name : ianaNames) {
            Entry entry = table.get(name);
            if (entry == null) {
                throw new TlsException(Kind.CONFIGURATION, "expected a cipher suite that "
                        + LibCrypto.OpenSSL_version(LibCrypto.OPENSSL_VERSION) + " supports but was " + name);
            }
            (entry.tls13 ? tls13 : tls12).add(entry.openSslName);
        }
        set(LibSsl.SSL_CTX_set_ciphersuites(context, String.join(":", tls13)), "TLS 1.3 cipher suites", tls13);
        if (!tls12.isEmpty()) {
            set(LibSsl.SSL_CTX_set_cipher_list(context, String.join(":", tls12)), "TLS 1.2 cipher suites", tls12);
        }
        return new Versions(!tls12.isEmpty(), !tls13.isEmpty());
    }

    /** Which versions the selected suites leave usable. */
    record Versions(boolean tls12, boolean tls13) {
    }

    private record Entry(String openSslName, boolean tls13) {
    }

    private static Map<String, Entry> table(Pointer context) throws TlsException {
        set(LibSsl.SSL_CTX_set_ciphersuites(context, ALL_TLS13), "TLS 1.3 cipher suites", List.of(ALL_TLS13));
        set(LibSsl.SSL_CTX_set_cipher_list(context, "ALL:COMPLEMENTOFALL"), "TLS 1.2 cipher suites", List.of("ALL"));
        Pointer stack = LibSsl.SSL_CTX_get_ciphers(context);
        Map<String, Entry> table = new LinkedHashMap<>();
        int count = LibCrypto.OPENSSL_sk_num(stack);
        for (int i = 0; i < count; i++) {
            Pointer cipher = LibCrypto.OPENSSL_sk_value(stack, i);
            String standard = LibSsl.SSL_CIPHER_standard_name(cipher);
            if (standard != null) {
                table.put(standard, new Entry(LibSsl.SSL_CIPHER_get_name(cipher),
                        TLS13.equals(LibSsl.SSL_CIPHER_get_version(cipher))));
            }
        }
        return table;
    }

    private static void set(int result, String what, List<String> names) throws TlsException {
        if (result != 1) {
            throw new TlsException(Kind.CONFIGURATION, "OpenSSL rejected " + what + " " + names + ": "
                    + OpenSslErrorQueue.drainText());
        }
    }
}
