package dev.meerkat.tls.mbedtls;

import com.sun.jna.Memory;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.BaseTlsContext;
import dev.meerkat.tls.spi.KeyLogWriter;
import dev.meerkat.tls.spi.NativeReferences;
import dev.meerkat.tls.spi.TlsEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One mbedtls_ssl_config for a config, with everything it points to: the random generator
 * (entropy and CTR-DRBG, both locked by MbedTLS's threading layer, so shared by every connection),
 * the suite and curve arrays, the key material (and, on a server, one per SNI host name), the ALPN
 * list, the ticket keys (server), the resumable sessions (client) and the key log callback.
 *
 * <p>Lifetime: a connection's mbedtls_ssl_context points into all of these, so they live while the
 * context is open or any engine made from it is. {@link NativeReferences} counts the context and its
 * open engines; the last to let go frees them, once, and no engine is made after that.
 */
final class MbedTlsContext extends BaseTlsContext {

    /** RFC 5077 leaves the ticket lifetime to the server; a day, as OpenSSL's default is two hours to a week. */
    private static final int TICKET_LIFETIME_SECONDS = 24 * 60 * 60;
    private static final byte[] PERSONALIZATION = "meerkat-mbedtls".getBytes(StandardCharsets.US_ASCII);

    private final List<Runnable> frees = new ArrayList<>();
    private final Memory conf;
    private final Map<String, OwnCertificate> byServerName = new LinkedHashMap<>();
    private final ClientSessions sessions = new ClientSessions();
    private final NativeReferences references;
    /** Held for the config's life, which names it; null without a key log. */
    private MasterSecretLog keyLog;

    private MbedTlsContext(TlsConfig config) {
        super(MbedTlsProvider.NAME, config);
        this.conf = NativeLayout.Struct.SSL_CONFIG.allocate();
        this.references = new NativeReferences(MbedTlsProvider.NAME + " TLS context", this::freeNatives);
    }

    static MbedTlsContext create(TlsConfig config) throws TlsException {
        if (!config.versions().contains(TlsVersion.TLS_1_2)) {
            throw new TlsException(Kind.CONFIGURATION, "expected TLSv1.2 among the versions " + config.versions()
                    + " but it is not: MbedTLS 2.28 speaks TLS 1.2 only");
        }
        MbedTlsContext context = new MbedTlsContext(config);
        try {
            context.configure();
            return context;
        } catch (TlsException | RuntimeException e) {
            context.references.release();
            throw e;
        }
    }

    private void configure() throws TlsException {
        TlsConfig config = config();
        LibMbedTls.mbedtls_ssl_config_init(conf);
        frees.add(() -> LibMbedTls.mbedtls_ssl_config_free(conf));
        check(LibMbedTls.mbedtls_ssl_config_defaults(conf, config.isClient() ? LibMbedTls.MBEDTLS_SSL_IS_CLIENT
                : LibMbedTls.MBEDTLS_SSL_IS_SERVER, LibMbedTls.MBEDTLS_SSL_TRANSPORT_STREAM,
                LibMbedTls.MBEDTLS_SSL_PRESET_DEFAULT), "mbedtls_ssl_config_defaults");
        Memory drbg = randomGenerator();
        LibMbedTls.mbedtls_ssl_conf_rng(conf, LibMbedCrypto.CTR_DRBG_RANDOM, drbg);
        configurePolicy(config);
        LibMbedTls.mbedtls_ssl_conf_authmode(conf, authMode(config));
        LibMbedTls.mbedtls_ssl_conf_ca_chain(conf, emptyTrustList(), null);
        if (config.keyMaterial() != null) {
            OwnCertificate own = own(config.keyMaterial());
            check(LibMbedTls.mbedtls_ssl_conf_own_cert(conf, own.chain(), own.key()), "mbedtls_ssl_conf_own_cert");
        }
        if (!config.isClient() && !config.sniKeyMaterial().isEmpty()) {
            for (Map.Entry<String, KeyMaterial> e : config.sniKeyMaterial().entrySet()) {
                byServerName.put(e.getKey(), own(e.getValue()));
            }
            LibMbedTls.mbedtls_ssl_conf_sni(conf, MbedCallbacks.SERVER_NAME, null);
        }
        if (!config.alpn().isEmpty()) {
            AlpnList alpn = AlpnList.of(config.alpn());
            frees.add(alpn::free);
            check(LibMbedTls.mbedtls_ssl_conf_alpn_protocols(conf, alpn.array()), "mbedtls_ssl_conf_alpn_protocols");
        }
        if (!config.isClient()) {
            configureTickets(drbg);
        }
        KeyLogWriter writer = KeyLogWriter.of(config);
        if (writer != null) {
            keyLog = new MasterSecretLog(writer);
            LibMbedTls.mbedtls_ssl_conf_export_keys_ext_cb(conf, keyLog, null);
        }
    }

    /**
     * TLS 1.2 only, the policy's suites, curves and signature hashes, and no renegotiation either way: a client declines
     * a server's HelloRequest with a no_renegotiation warning and keeps reading, a server refuses a
     * client's renegotiation the same way.
     */
    private void configurePolicy(TlsConfig config) throws TlsException {
        LibMbedTls.mbedtls_ssl_conf_min_version(conf, LibMbedTls.MBEDTLS_SSL_MAJOR_VERSION_3,
                LibMbedTls.MBEDTLS_SSL_MINOR_VERSION_3);
        LibMbedTls.mbedtls_ssl_conf_max_version(conf, LibMbedTls.MBEDTLS_SSL_MAJOR_VERSION_3,
                LibMbedTls.MBEDTLS_SSL_MINOR_VERSION_3);
        LibMbedTls.mbedtls_ssl_conf_ciphersuites(conf, keep(CipherSuites.ids(config)));
        LibMbedTls.mbedtls_ssl_conf_curves(conf, keep(CipherSuites.curves()));
        LibMbedTls.mbedtls_ssl_conf_sig_hashes(conf, keep(CipherSuites.signatureHashes()));
        LibMbedTls.mbedtls_ssl_conf_renegotiation(conf, LibMbedTls.MBEDTLS_SSL_RENEGOTIATION_DISABLED);
        LibMbedTls.mbedtls_ssl_conf_legacy_renegotiation(conf, LibMbedTls.MBEDTLS_SSL_LEGACY_NO_RENEGOTIATION);
    }

    /**
     * The shared verifier decides every chain (the verify callback each engine installs); a client
     * always asks for it. OPTIONAL on a server lets a client send no certificate, while the callback
     * still fails a certificate it rejects.
     */
    private static int authMode(TlsConfig config) {
        if (config.isClient()) {
            return LibMbedTls.MBEDTLS_SSL_VERIFY_REQUIRED;
        }
        return switch (config.clientAuth()) {
            case NONE -> LibMbedTls.MBEDTLS_SSL_VERIFY_NONE;
            case OPTIONAL -> LibMbedTls.MBEDTLS_SSL_VERIFY_OPTIONAL;
            case REQUIRED -> LibMbedTls.MBEDTLS_SSL_VERIFY_REQUIRED;
        };
    }

    /**
     * MbedTLS refuses to verify without a CA list (MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED), but the shared
     * verifier holds the trust anchors: an initialised, empty list matches no issuer, and the verify
     * callback clears the "not trusted" flag when the verifier accepts the chain.
     */
    private Memory emptyTrustList() {
        Memory empty = NativeLayout.Struct.X509_CRT.allocate();
        LibMbedX509.mbedtls_x509_crt_init(empty);
        frees.add(() -> {
            LibMbedX509.mbedtls_x509_crt_free(empty);
            empty.close();
        });
        return empty;
    }

    /** Entropy and a CTR-DRBG seeded from it; returns the DRBG, the argument of mbedtls_ctr_drbg_random. */
    private Memory randomGenerator() throws TlsException {
        Memory entropy = NativeLayout.Struct.ENTROPY_CONTEXT.allocate();
        Memory drbg = NativeLayout.Struct.CTR_DRBG_CONTEXT.allocate();
        LibMbedCrypto.mbedtls_entropy_init(entropy);
        LibMbedCrypto.mbedtls_ctr_drbg_init(drbg);
        frees.add(() -> {
            LibMbedCrypto.mbedtls_ctr_drbg_free(drbg);
            LibMbedCrypto.mbedtls_entropy_free(entropy);
            drbg.close();
            entropy.close();
        });
        check(LibMbedCrypto.mbedtls_ctr_drbg_seed(drbg, LibMbedCrypto.ENTROPY_FUNC, entropy, PERSONALIZATION,
                PERSONALIZATION.length), "mbedtls_ctr_drbg_seed");
        return drbg;
    }

    /**
     * Stateless tickets only (no session cache), so a server holds no memory per past connection.
     * MbedTLS writes them; {@link TicketParser} reads them with MbedTLS and tells the engine it resumed.
     */
    private void configureTickets(Memory drbg) throws TlsException {
        Memory tickets = NativeLayout.Struct.SSL_TICKET_CONTEXT.allocate();
        LibMbedTls.mbedtls_ssl_ticket_init(tickets);
        frees.add(() -> {
            LibMbedTls.mbedtls_ssl_ticket_free(tickets);
            tickets.close();
        });
        check(LibMbedTls.mbedtls_ssl_ticket_setup(tickets, LibMbedCrypto.CTR_DRBG_RANDOM, drbg,
                LibMbedCrypto.MBEDTLS_CIPHER_AES_256_GCM, TICKET_LIFETIME_SECONDS), "mbedtls_ssl_ticket_setup");
        LibMbedTls.mbedtls_ssl_conf_session_tickets_cb(conf, LibMbedTls.TICKET_WRITE, TicketParser.PARSE, tickets);
    }

    private OwnCertificate own(KeyMaterial material) throws TlsException {
        OwnCertificate own = OwnCertificate.parse(material);
        frees.add(own::free);
        return own;
    }

    private Memory keep(Memory array) {
        frees.add(array::close);
        return array;
    }

    private static void check(int result, String call) throws TlsException {
        if (result != 0) {
            throw new TlsException(Kind.CONFIGURATION, call + " failed: " + MbedErrors.text(result));
        }
    }

    @Override
    protected TlsEngine openEngine(String peerHost, int peerPort) throws TlsException {
        references.acquire();
        try {
            return MbedTlsEngine.create(this, peerHost, peerPort);
        } catch (TlsException | RuntimeException e) {
            references.release();
            throw e;
        }
    }

    Memory conf() {
        return conf;
    }

    ClientSessions sessions() {
        return sessions;
    }

    /** The key material for an SNI host name, or null for the default (same rule as {@link TlsConfig#keyMaterialFor}). */
    OwnCertificate ownCertificateFor(String serverName) {
        return byServerName.get(serverName.toLowerCase(Locale.ROOT));
    }

    /** Called by an engine once its mbedtls_ssl_context is freed. */
    void engineFreed() {
        references.release();
    }

    /** Frees the client sessions at once; the config and what it points to go with the last open engine. */
    @Override
    protected void release() {
        sessions.close();
        references.release();
    }

    /** In reverse order of making; mbedtls_ssl_config_free frees only the config's own lists. */
    private void freeNatives() {
        for (int i = frees.size() - 1; i >= 0; i--) {
            frees.get(i).run();
        }
        frees.clear();
        conf.close();
    }
}
