package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.TlsPolicy;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes one SSL_CTX from a {@link TlsConfig} and the key material it presents: versions, cipher
 * suites, verification through the shared verifier, ALPN, session handling. The caller owns the
 * result and frees it with SSL_CTX_free; on failure nothing is left allocated.
 */
final class SslContextFactory {

    /** Sessions resumed on a server must come from a context with the same id (else OpenSSL refuses them). */
    private static final byte[] SESSION_ID_CONTEXT = "meerkat-openssl-jna".getBytes(StandardCharsets.US_ASCII);

    /** OpenSSL 3 takes the IANA names of groups and signature schemes in its colon-separated lists. */
    private static final String GROUPS = TlsPolicy.groups(OpenSslHybrid.status().supported()).stream()
            .map(TlsPolicy.NamedGroup::ianaName).collect(Collectors.joining(":"));
    private static final String SIGNATURE_SCHEMES = Arrays.stream(TlsPolicy.SignatureScheme.values())
            .map(TlsPolicy.SignatureScheme::ianaName).collect(Collectors.joining(":"));

    private SslContextFactory() {
    }

    /** {@code serverNameCallback}: on a server with per-name key material, install the SNI switch. */
    static Pointer create(TlsConfig config, KeyMaterial material, AlpnProtocols alpn, boolean serverNameCallback)
            throws TlsException {
        Pointer context = LibSsl.SSL_CTX_new(LibSsl.TLS_method());
        if (context == null) {
            throw new TlsException(Kind.CONFIGURATION, "SSL_CTX_new failed: " + OpenSslErrorQueue.drainText());
        }
        try {
            configureProtocol(context, config);
            configureVerification(context, config);
            if (material != null) {
                install(context, material);
            }
            configureAlpn(context, config, alpn);
            configureSessions(context, config);
            if (config.keyLogFile() != null) {
                LibSsl.SSL_CTX_set_keylog_callback(context, NativeCallbacks.KEY_LOG);
            }
            if (serverNameCallback) {
                LibSsl.SSL_CTX_callback_ctrl(context, LibSsl.SSL_CTRL_SET_TLSEXT_SERVERNAME_CB, NativeCallbacks.SERVER_NAME);
            }
            return context;
        } catch (TlsException | RuntimeException e) {
            LibSsl.SSL_CTX_free(context);
            throw e;
        }
    }

    private static void configureProtocol(Pointer context, TlsConfig config) throws TlsException {
        Set<TlsVersion> versions = EnumSet.copyOf(config.versions());
        CipherSuiteSelection.Versions usable = CipherSuiteSelection.apply(context, TlsPolicy.suites(config));
        if (!usable.tls12()) {
            versions.remove(TlsVersion.TLS_1_2);
        }
        if (!usable.tls13()) {
            versions.remove(TlsVersion.TLS_1_3);
        }
        if (versions.isEmpty()) {
            throw new TlsException(Kind.CONFIGURATION, "expected a cipher suite for one of " + config.versions()
                    + " but the cipher suites " + config.cipherSuites() + " leave no version usable");
        }
        ctrl(context, LibSsl.SSL_CTRL_SET_MIN_PROTO_VERSION, wireVersion(versions.iterator().next()), "minimum version");
        ctrl(context, LibSsl.SSL_CTRL_SET_MAX_PROTO_VERSION, wireVersion(highest(versions)), "maximum version");
        ctrl(context, LibSsl.SSL_CTRL_SET_GROUPS_LIST, GROUPS, "named groups");
        ctrl(context, LibSsl.SSL_CTRL_SET_SIGALGS_LIST, SIGNATURE_SCHEMES, "signature schemes");
        // Renegotiation is a TLS 1.2 attack surface the SPI has no use for.
        LibSsl.SSL_CTX_set_options(context, LibSsl.SSL_OP_NO_RENEGOTIATION);
        LibSsl.SSL_CTX_ctrl(context, LibSsl.SSL_CTRL_MODE, LibSsl.SSL_MODE_RELEASE_BUFFERS, null);
    }

    /**
     * OpenSSL's own chain check is replaced by the shared verifier (the callback), so that every
     * provider makes the same decision. A server asks for a certificate only with client auth on,
     * and REQUIRED lets OpenSSL fail the handshake when none comes (certificate_required alert).
     */
    private static void configureVerification(Pointer context, TlsConfig config) {
        int mode;
        if (config.isClient()) {
            mode = LibSsl.SSL_VERIFY_PEER;
        } else {
            mode = switch (config.clientAuth()) {
                case NONE -> LibSsl.SSL_VERIFY_NONE;
                case OPTIONAL -> LibSsl.SSL_VERIFY_PEER;
                case REQUIRED -> LibSsl.SSL_VERIFY_PEER | LibSsl.SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
            };
        }
        LibSsl.SSL_CTX_set_verify(context, mode, null);
        LibSsl.SSL_CTX_set_cert_verify_callback(context, NativeCallbacks.VERIFY, null);
    }

    /** Leaf, then the rest of the chain, then the key; OpenSSL takes its own references, ours are freed here. */
    private static void install(Pointer context, KeyMaterial material) throws TlsException {
        Pointer key = X509Codec.toNative(material.privateKey());
        try {
            useCertificate(context, material.leaf(), true);
            for (X509Certificate certificate : material.chain().subList(1, material.chain().size())) {
                useCertificate(context, certificate, false);
            }
            if (LibSsl.SSL_CTX_use_PrivateKey(context, key) != 1 || LibSsl.SSL_CTX_check_private_key(context) != 1) {
                throw new TlsException(Kind.CONFIGURATION, "expected the private key of certificate "
                        + material.leaf().getSubjectX500Principal().getName() + " but OpenSSL says: "
                        + OpenSslErrorQueue.drainText());
            }
        } finally {
            LibCrypto.EVP_PKEY_free(key);
        }
    }

    private static void useCertificate(Pointer context, X509Certificate certificate, boolean leaf) throws TlsException {
        Pointer x509 = X509Codec.toNative(certificate);
        try {
            // SSL_CTX_add1_chain_cert is the macro SSL_CTX_ctrl(ctx, SSL_CTRL_CHAIN_CERT, 1, x509).
            boolean ok = leaf ? LibSsl.SSL_CTX_use_certificate(context, x509) == 1
                    : LibSsl.SSL_CTX_ctrl(context, LibSsl.SSL_CTRL_CHAIN_CERT, 1, x509) == 1;
            if (!ok) {
                throw new TlsException(Kind.CONFIGURATION, "OpenSSL refused certificate "
                        + certificate.getSubjectX500Principal().getName() + ": " + OpenSslErrorQueue.drainText());
            }
        } finally {
            LibCrypto.X509_free(x509);
        }
    }

    private static void configureAlpn(Pointer context, TlsConfig config, AlpnProtocols alpn) throws TlsException {
        if (alpn.isEmpty()) {
            return;
        }
        if (config.isClient()) {
            byte[] wire = alpn.wire();
            if (LibSsl.SSL_CTX_set_alpn_protos(context, wire, wire.length) != 0) {
                throw new TlsException(Kind.CONFIGURATION, "OpenSSL rejected the ALPN list " + config.alpn()
                        + ": " + OpenSslErrorQueue.drainText());
            }
        } else {
            LibSsl.SSL_CTX_set_alpn_select_cb(context, NativeCallbacks.ALPN_SELECT, null);
        }
    }

    /**
     * Client: sessions go to the context's {@link ClientSessionCache} through the new-session
     * callback (TLS 1.3 tickets arrive after the handshake). Server: no session cache, only
     * stateless tickets, so a server holds no memory per past connection.
     */
    private static void configureSessions(Pointer context, TlsConfig config) throws TlsException {
        if (config.isClient()) {
            LibSsl.SSL_CTX_ctrl(context, LibSsl.SSL_CTRL_SET_SESS_CACHE_MODE,
                    LibSsl.SSL_SESS_CACHE_CLIENT | LibSsl.SSL_SESS_CACHE_NO_INTERNAL_STORE, null);
            LibSsl.SSL_CTX_sess_set_new_cb(context, NativeCallbacks.NEW_SESSION);
            return;
        }
        LibSsl.SSL_CTX_ctrl(context, LibSsl.SSL_CTRL_SET_SESS_CACHE_MODE, LibSsl.SSL_SESS_CACHE_OFF, null);
        if (LibSsl.SSL_CTX_set_session_id_context(context, SESSION_ID_CONTEXT, SESSION_ID_CONTEXT.length) != 1) {
            throw new TlsException(Kind.CONFIGURATION, "SSL_CTX_set_session_id_context failed: "
                    + OpenSslErrorQueue.drainText());
        }
    }

    private static void ctrl(Pointer context, int command, long value, String what) throws TlsException {
        if (LibSsl.SSL_CTX_ctrl(context, command, value, null) != 1) {
            throw new TlsException(Kind.CONFIGURATION, "OpenSSL refused the " + what + " 0x"
                    + Long.toHexString(value) + ": " + OpenSslErrorQueue.drainText());
        }
    }

    /** A ctrl command that takes a C string (SSL_CTX_set1_groups_list and the like). */
    private static void ctrl(Pointer context, int command, String list, String what) throws TlsException {
        long result;
        try (Memory text = new Memory(list.length() + 1L)) {
            text.setString(0, list, StandardCharsets.US_ASCII.name());
            result = LibSsl.SSL_CTX_ctrl(context, command, 0, text);
        }
        if (result != 1) {
            throw new TlsException(Kind.CONFIGURATION, "OpenSSL refused the TLS policy's " + what + " "
                    + list + ": " + OpenSslErrorQueue.drainText());
        }
    }

    private static TlsVersion highest(Set<TlsVersion> versions) {
        return versions.contains(TlsVersion.TLS_1_3) ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2;
    }

    private static int wireVersion(TlsVersion version) {
        return version == TlsVersion.TLS_1_3 ? LibSsl.TLS1_3_VERSION : LibSsl.TLS1_2_VERSION;
    }
}
