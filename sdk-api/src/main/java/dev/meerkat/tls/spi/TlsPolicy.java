package dev.meerkat.tls.spi;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one TLS security policy: every provider takes its suites, groups, signature schemes and
 * versions from here and only translates them into its backend's names (docs/SECURITY-POLICY.md).
 * What a backend cannot set is said in its {@link PolicyEnforcement}, which {@link PolicyTable}
 * prints, so that no difference between providers is silent.
 */
public final class TlsPolicy {

    /** The oldest version any provider negotiates: TLS 1.2. */
    public static final TlsVersion MIN_VERSION = TlsVersion.TLS_1_2;
    /** The newest version any provider negotiates: TLS 1.3. */
    public static final TlsVersion MAX_VERSION = TlsVersion.TLS_1_3;

    /** TLS 1.3: the AEAD suites of RFC 8446 section B.4, without the CCM ones. */
    public static final List<String> TLS13_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    /**
     * TLS 1.2: ECDHE (forward secrecy) with an AEAD cipher only, so no CBC padding oracle, no SHA-1
     * MAC and no static RSA key exchange; AES-GCM before ChaCha20-Poly1305 (faster with AES-NI).
     */
    public static final List<String> TLS12_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** Every suite the policy allows, in preference order: TLS 1.3 first. */
    public static final List<String> SUITES = concat(TLS13_SUITES, TLS12_SUITES);

    /**
     * A TLS 1.3 record may carry at most 2^14 + 256 bytes of ciphertext (RFC 8446 section 5.2). TLS 1.2
     * allows 2^14 + 2048 (RFC 5246 section 6.2.3), but the policy's AEAD suites add at most 24 bytes
     * (RFC 5288, RFC 7905), so this limit holds for every record after the first on both versions.
     */
    public static final int MAX_TLS13_CIPHERTEXT = 16384 + 256;
    /** No record decrypts to more than 2^14 bytes (RFC 8446 section 5.1). */
    public static final int MAX_PLAINTEXT = 16384;

    private TlsPolicy() {
    }

    /**
     * The named groups in preference order. {@code hybrid}: the backend implements
     * X25519MLKEM768, which then comes first (each provider says in its
     * {@link dev.meerkat.tls.TlsProvider#hybridKeyExchange()}).
     *
     * @param hybrid true when the backend implements the hybrid group X25519MLKEM768
     * @return the groups to offer, most preferred first
     */
    public static List<NamedGroup> groups(boolean hybrid) {
        List<NamedGroup> groups = new ArrayList<>(List.of(NamedGroup.values()));
        if (!hybrid) {
            groups.remove(NamedGroup.X25519MLKEM768);
        }
        return List.copyOf(groups);
    }

    /**
     * The suites a context of {@code config} enables: the config's own choice, which must lie inside
     * the policy, or every suite of the policy.
     *
     * @param config the config a context is made for
     * @return IANA suite names in preference order
     * @throws TlsException {@link TlsException.Kind#CONFIGURATION} when the config names a suite
     *                      outside the policy
     */
    public static List<String> suites(TlsConfig config) throws TlsException {
        if (config.cipherSuites().isEmpty()) {
            return SUITES;
        }
        List<String> outside = config.cipherSuites().stream().filter(s -> !SUITES.contains(s)).toList();
        if (!outside.isEmpty()) {
            throw new TlsException(TlsException.Kind.CONFIGURATION, "expected cipher suites of the TLS policy "
                    + SUITES + " but " + outside + " are not");
        }
        return config.cipherSuites();
    }

    /** The named groups of the policy, with their IANA code points (RFC 8446 section 4.2.7). */
    public enum NamedGroup {
        /** The hybrid of X25519 and ML-KEM-768, post-quantum; offered only by backends that have it. */
        X25519MLKEM768(0x11EC, "X25519MLKEM768"),
        /** Curve25519 key exchange (RFC 7748). */
        X25519(0x001D, "x25519"),
        /** NIST P-256. */
        SECP256R1(0x0017, "secp256r1"),
        /** NIST P-384. */
        SECP384R1(0x0018, "secp384r1");

        private final int code;
        private final String ianaName;

        NamedGroup(int code, String ianaName) {
            this.code = code;
            this.ianaName = ianaName;
        }

        /** {@return the IANA code point, as sent in the supported_groups extension} */
        public int code() {
            return code;
        }

        /** {@return the IANA name, e.g. "x25519"} */
        public String ianaName() {
            return ianaName;
        }

        /**
         * The IANA name of the group with {@code code}: the policy's name, or {@code otherwise} for
         * a group outside the policy (a backend's own name for it).
         *
         * @param code      the group's code point (RFC 8446 section 4.2.7)
         * @param otherwise the name to give a group outside the policy
         * @return the IANA name
         */
        public static String ianaNameOf(int code, String otherwise) {
            return Arrays.stream(values()).filter(g -> g.code == code).findFirst().map(NamedGroup::ianaName)
                    .orElse(otherwise);
        }
    }

    /**
     * The signature schemes, in preference order (RFC 8446 section 4.2.3 names and codes): no SHA-1,
     * no DSA; PKCS#1 v1.5 stays because TLS 1.2 handshakes and certificates still use it.
     */
    public enum SignatureScheme {
        /** ECDSA on P-256 with SHA-256. */
        ECDSA_SECP256R1_SHA256(0x0403),
        /** ECDSA on P-384 with SHA-384. */
        ECDSA_SECP384R1_SHA384(0x0503),
        /** EdDSA on Curve25519. */
        ED25519(0x0807),
        /** RSASSA-PSS with SHA-256, for an RSA (rsaEncryption) key. */
        RSA_PSS_RSAE_SHA256(0x0804),
        /** RSASSA-PSS with SHA-384, for an RSA (rsaEncryption) key. */
        RSA_PSS_RSAE_SHA384(0x0805),
        /** RSASSA-PSS with SHA-512, for an RSA (rsaEncryption) key. */
        RSA_PSS_RSAE_SHA512(0x0806),
        /** RSASSA-PKCS1-v1_5 with SHA-256: TLS 1.2 signatures and certificates only. */
        RSA_PKCS1_SHA256(0x0401),
        /** RSASSA-PKCS1-v1_5 with SHA-384: TLS 1.2 signatures and certificates only. */
        RSA_PKCS1_SHA384(0x0501),
        /** RSASSA-PKCS1-v1_5 with SHA-512: TLS 1.2 signatures and certificates only. */
        RSA_PKCS1_SHA512(0x0601);

        private final int code;

        SignatureScheme(int code) {
            this.code = code;
        }

        /** {@return the IANA code point, as sent in the signature_algorithms extension} */
        public int code() {
            return code;
        }

        /** {@return the RFC 8446 name, e.g. "ecdsa_secp256r1_sha256", which SunJSSE and OpenSSL 3 also take} */
        public String ianaName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
