package dev.meerkat.tls.jdk;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Meerkat's default cipher suite choice on top of the JDK's defaults. */
final class CipherSuites {

    private CipherSuites() {
    }

    /**
     * The JDK's default suites, keeping for TLS 1.2 only ECDHE key exchange with an AEAD cipher
     * (forward secrecy, no CBC padding oracles), and preferring AES-GCM over ChaCha20-Poly1305:
     * on JDK 17 ChaCha20 runs at about a fifth of AES-GCM's speed (measured in memory: ~260 MB/s
     * against 1.2-1.8 GB/s). The sort is stable, so the JDK's order is kept within each group.
     */
    static List<String> preferred(String[] jdkDefaults) {
        return Arrays.stream(jdkDefaults)
                .filter(CipherSuites::isAllowed)
                .sorted(Comparator.comparing(CipherSuites::isChaCha20))
                .collect(Collectors.toUnmodifiableList());
    }

    private static boolean isAllowed(String suite) {
        return isTls13(suite) || isSignalingValue(suite)
                || (suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || isChaCha20(suite)));
    }

    /** TLS 1.3 suites name no key exchange (RFC 8446 section B.4): they are all AEAD with (EC)DHE or PSK. */
    private static boolean isTls13(String suite) {
        return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    }

    /** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746) is a signal, not a cipher. */
    private static boolean isSignalingValue(String suite) {
        return suite.endsWith("_SCSV");
    }

    private static boolean isChaCha20(String suite) {
        return suite.contains("CHACHA20");
    }
}
