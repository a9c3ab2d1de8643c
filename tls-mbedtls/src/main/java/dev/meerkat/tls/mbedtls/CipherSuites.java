package dev.meerkat.tls.mbedtls;

import com.sun.jna.Memory;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.spi.TlsPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy's suites, groups and signature hashes as the zero-terminated int arrays
 * mbedtls_ssl_conf_ciphersuites, mbedtls_ssl_conf_curves and mbedtls_ssl_conf_sig_hashes keep pointers to (so the arrays must live as long as the config). MbedTLS
 * names suites like IANA with dashes ("TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256").
 */
final class CipherSuites {

    private CipherSuites() {
    }

    static String mbedName(String ianaName) {
        return ianaName.replace('_', '-');
    }

    static String ianaName(String mbedName) {
        return mbedName.replace('-', '_');
    }

    /** The config's TLS 1.2 suites (TLS 1.3 ones are skipped: this build has none) as MbedTLS ids. */
    static Memory ids(TlsConfig config) throws TlsException {
        List<Integer> ids = new ArrayList<>();
        for (String suite : TlsPolicy.suites(config)) {
            if (TlsPolicy.TLS12_SUITES.contains(suite)) {
                int id = LibMbedTls.mbedtls_ssl_get_ciphersuite_id(mbedName(suite));
                if (id == 0) {
                    throw new TlsException(Kind.CONFIGURATION, "expected MbedTLS to know the policy's suite "
                            + suite + " but this build has no such suite");
                }
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            throw new TlsException(Kind.CONFIGURATION, "expected a TLS 1.2 cipher suite but the cipher suites "
                    + config.cipherSuites() + " leave none (MbedTLS 2.28 has no TLS 1.3)");
        }
        return terminated(ids);
    }

    /** The policy's groups, X25519 first; the hybrid is not in MbedTLS 2.28. */
    static Memory curves() {
        List<Integer> ids = new ArrayList<>();
        for (TlsPolicy.NamedGroup group : TlsPolicy.groups(false)) {
            ids.add(switch (group) {
                case X25519 -> LibMbedTls.MBEDTLS_ECP_DP_CURVE25519;
                case SECP256R1 -> LibMbedTls.MBEDTLS_ECP_DP_SECP256R1;
                case SECP384R1 -> LibMbedTls.MBEDTLS_ECP_DP_SECP384R1;
                case X25519MLKEM768 -> throw new IllegalStateException("expected no hybrid group without asking");
            });
        }
        return terminated(ids);
    }

    /**
     * The hashes of the policy's signature schemes, SHA-256 first: MbedTLS 2.28 sets TLS 1.2
     * signature algorithms by hash, with ECDSA and RSA PKCS#1 v1.5 (no RSA-PSS, no Ed25519 there).
     */
    static Memory signatureHashes() {
        return terminated(List.of(LibMbedTls.MBEDTLS_MD_SHA256, LibMbedTls.MBEDTLS_MD_SHA384,
                LibMbedTls.MBEDTLS_MD_SHA512));
    }

    /** The ints then a 0: the end of a suite list, MBEDTLS_ECP_DP_NONE and MBEDTLS_MD_NONE alike. */
    private static Memory terminated(List<Integer> values) {
        Memory array = new Memory((values.size() + 1L) * Integer.BYTES);
        for (int i = 0; i < values.size(); i++) {
            array.setInt((long) i * Integer.BYTES, values.get(i));
        }
        array.setInt((long) values.size() * Integer.BYTES, 0);
        return array;
    }
}
