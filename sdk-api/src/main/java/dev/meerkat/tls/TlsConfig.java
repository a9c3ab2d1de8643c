package dev.meerkat.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * One immutable, backend-neutral description of a TLS endpoint. The same config gives the same
 * accept/reject decisions on every provider: certificate checks go through one {@link PeerVerifier}.
 *
 * <p>Secure by default: peer verification and RFC 6125 host name matching on, TLS 1.2 and 1.3 only,
 * the system trust store when no trust is given. Turning verification off is explicit
 * ({@link Builder#insecureSkipVerification()}).
 *
 * <p>The user's own JSSE objects (PKCS#11 keys, a corporate trust store): an
 * {@link X509TrustManager} ({@link Builder#trustManager}) decides chains on every provider, through
 * the {@link PeerVerifier}, which still checks the host name. An {@link X509KeyManager} or a whole
 * {@link SSLContext} only the {@code jdk} provider can use; the others refuse them with
 * {@link TlsException.Kind#CONFIGURATION}. With an SSLContext the context's own trust manager decides
 * chains, while the TLS policy (versions, suites) and the shared host name check still apply.
 *
 * <pre>{@code
 * TlsConfig client = TlsConfig.client().trustPem(Path.of("ca.pem")).alpn("http/1.1").build();
 * TlsConfig server = TlsConfig.server(KeyMaterial.fromPem(Path.of("cert.pem"), Path.of("key.pem"))).build();
 * }</pre>
 */
public final class TlsConfig {

    /** Which end of the handshake the endpoint is. */
    public enum Role {
        /** Starts the handshake and checks the server's certificate. */
        CLIENT,
        /** Answers the handshake with its certificate. */
        SERVER
    }

    /** Whether a server asks for a client certificate. */
    public enum ClientAuth {
        /** The server asks for no certificate: the default. */
        NONE,
        /** The server asks; a client that sends none is accepted, one that sends a bad one is not. */
        OPTIONAL,
        /** The server asks, and the handshake fails when the client sends no valid certificate. */
        REQUIRED
    }

    private final Role role;
    private final List<X509Certificate> trustedCertificates;
    private final boolean trustSystem;
    private final @Nullable KeyMaterial keyMaterial;
    private final Map<String, KeyMaterial> sniKeyMaterial;
    private final boolean verifyPeer;
    private final boolean verifyHostname;
    private final @Nullable String serverName;
    private final List<String> alpn;
    private final Set<TlsVersion> versions;
    private final List<String> cipherSuites;
    private final ClientAuth clientAuth;
    private final @Nullable X509TrustManager trustManager;
    private final @Nullable X509KeyManager keyManager;
    private final @Nullable SSLContext sslContext;
    private final @Nullable Path keyLogFile;
    private volatile PeerVerifier verifier;

    private TlsConfig(Builder b) {
        this.role = b.role;
        this.trustedCertificates = List.copyOf(b.trustedCertificates);
        this.trustSystem = b.trustSystem || (b.trustedCertificates.isEmpty() && b.role == Role.CLIENT
                && b.trustManager == null && b.sslContext == null);
        this.keyMaterial = b.keyMaterial;
        this.sniKeyMaterial = Map.copyOf(b.sniKeyMaterial);
        this.verifyPeer = b.role == Role.CLIENT ? b.verifyPeer : b.clientAuth != ClientAuth.NONE;
        this.verifyHostname = b.verifyPeer && b.verifyHostname;
        this.serverName = b.serverName;
        this.alpn = List.copyOf(b.alpn);
        this.versions = Set.copyOf(b.versions);
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.clientAuth = b.clientAuth;
        this.trustManager = b.trustManager;
        this.keyManager = b.keyManager;
        this.sslContext = b.sslContext;
        this.keyLogFile = b.keyLogFile;
    }

    /**
     * {@return a builder for a client} It verifies the server and its host name, against the system
     * trust store unless other trust is given.
     */
    public static Builder client() {
        return new Builder(Role.CLIENT, null);
    }

    /**
     * {@return a builder for a server presenting {@code keyMaterial}}
     *
     * @param keyMaterial the server's key and certificate chain, presented when SNI picks no other
     */
    public static Builder server(KeyMaterial keyMaterial) {
        return new Builder(Role.SERVER, Objects.requireNonNull(keyMaterial, "keyMaterial"));
    }

    /**
     * {@return a builder for a server whose keys come from the user's key manager} Only the
     * {@code jdk} provider takes it.
     *
     * @param keyManager picks the server's key and chain for each handshake
     */
    public static Builder server(X509KeyManager keyManager) {
        return new Builder(Role.SERVER, null).keyManager(keyManager);
    }

    /**
     * {@return a builder for a server on the user's whole JSSE context} Only the {@code jdk}
     * provider takes it.
     *
     * @param sslContext the context whose keys and trust the server uses
     */
    public static Builder server(SSLContext sslContext) {
        return new Builder(Role.SERVER, null).sslContext(sslContext);
    }

    /** {@return which end of the handshake this endpoint is} */
    public Role role() { return role; }

    /** {@return true for a client config} */
    public boolean isClient() { return role == Role.CLIENT; }

    /** {@return the certificates trusted as anchors, in addition to the system store when {@link #trustSystem()}} */
    public List<X509Certificate> trustedCertificates() { return trustedCertificates; }

    /**
     * {@return true when the JDK's system trust store is trusted} That is so when asked for, and for a
     * client given no other trust.
     */
    public boolean trustSystem() { return trustSystem; }

    /**
     * {@return our key and chain, or null} Required on a server (unless a key manager or SSLContext
     * gives keys), optional on a client (client authentication).
     */
    public @Nullable KeyMaterial keyMaterial() { return keyMaterial; }

    /** {@return server: key material per SNI host name (lower case); {@link #keyMaterial()} otherwise} */
    public Map<String, KeyMaterial> sniKeyMaterial() { return sniKeyMaterial; }

    /**
     * {@return whether the peer's certificates are checked} Client: verify the server. Server: verify
     * client certificates when client auth is on.
     */
    public boolean verifyPeer() { return verifyPeer; }

    /** {@return whether a client checks the server's certificate against the host name (RFC 9525)} */
    public boolean verifyHostname() { return verifyHostname; }

    /**
     * {@return client: the SNI name and the name checked against the certificate} Null means the
     * host of the connect.
     */
    public @Nullable String serverName() { return serverName; }

    /** {@return the ALPN protocols in preference order; empty means no ALPN} */
    public List<String> alpn() { return alpn; }

    /** {@return the TLS versions the endpoint offers or accepts; by default 1.2 and 1.3} */
    public Set<TlsVersion> versions() { return versions; }

    /** {@return the IANA cipher suite names in preference order; empty means the policy's suites} */
    public List<String> cipherSuites() { return cipherSuites; }

    /** {@return whether a server asks for a client certificate; {@link ClientAuth#NONE} on a client} */
    public ClientAuth clientAuth() { return clientAuth; }

    /** {@return the user's trust manager, which decides peer chains instead of the trusted certificates; or null} */
    public @Nullable X509TrustManager trustManager() { return trustManager; }

    /** {@return the user's key manager, which replaces {@link #keyMaterial()}; or null} */
    public @Nullable X509KeyManager keyManager() { return keyManager; }

    /** {@return the user's JSSE context, which replaces keys and trust; or null} */
    public @Nullable SSLContext sslContext() { return sslContext; }

    /**
     * {@return where the TLS secrets of every connection go, or null, the default, for nowhere} The
     * file is in the NSS key log format (Wireshark's "(Pre)-Master-Secret log filename").
     */
    public @Nullable Path keyLogFile() { return keyLogFile; }

    /** {@return true when the config holds a JSSE key manager or context, which only SSLEngine providers can use} */
    public boolean needsJsse() { return keyManager != null || sslContext != null; }

    /**
     * {@return the one verifier every provider uses for this config's certificate decisions} Made on
     * first use; thread-safe.
     */
    public PeerVerifier peerVerifier() {
        PeerVerifier v = verifier;
        if (v == null) {
            v = PeerVerifier.of(this);
            verifier = v;
        }
        return v;
    }

    /**
     * {@return the key material a server presents for {@code sniHost}, or null when it has none}
     *
     * @param sniHost the name the client asked for through SNI; null or an unknown name gives
     *                {@link #keyMaterial()}
     */
    public @Nullable KeyMaterial keyMaterialFor(@Nullable String sniHost) {
        if (sniHost != null) {
            KeyMaterial m = sniKeyMaterial.get(sniHost.toLowerCase(Locale.ROOT));
            if (m != null) {
                return m;
            }
        }
        return keyMaterial;
    }

    /**
     * Collects the settings of a {@link TlsConfig}; {@link #build()} checks them together. Made by
     * {@link TlsConfig#client()} or {@link TlsConfig#server}. Not thread-safe.
     */
    public static final class Builder {
        private static final String KEY_LOG_VARIABLE = "SSLKEYLOGFILE";
        private final Role role;
        private final List<X509Certificate> trustedCertificates = new ArrayList<>();
        private boolean trustSystem;
        private @Nullable KeyMaterial keyMaterial;
        private final Map<String, KeyMaterial> sniKeyMaterial = new LinkedHashMap<>();
        private boolean verifyPeer = true;
        private boolean verifyHostname = true;
        private @Nullable String serverName;
        private final List<String> alpn = new ArrayList<>();
        private Set<TlsVersion> versions = EnumSet.allOf(TlsVersion.class);
        private final List<String> cipherSuites = new ArrayList<>();
        private ClientAuth clientAuth = ClientAuth.NONE;
        private @Nullable X509TrustManager trustManager;
        private @Nullable X509KeyManager keyManager;
        private @Nullable SSLContext sslContext;
        private @Nullable Path keyLogFile;

        private Builder(Role role, @Nullable KeyMaterial keyMaterial) {
            this.role = role;
            this.keyMaterial = keyMaterial;
        }

        /**
         * Trusts the certificates of a PEM file (one or more CERTIFICATE blocks).
         *
         * @param file the PEM file
         * @return this builder
         * @throws TlsException {@link TlsException.Kind#CONFIGURATION} when the file is missing,
         *                      unreadable, or holds no certificate
         */
        public Builder trustPem(java.nio.file.Path file) throws TlsException {
            trustedCertificates.addAll(Pem.readCertificates(file));
            return this;
        }

        /**
         * Trusts the certificates of PEM text.
         *
         * @param pem one or more CERTIFICATE blocks
         * @return this builder
         * @throws TlsException {@link TlsException.Kind#CONFIGURATION} when the text holds no
         *                      certificate or a broken one
         */
        public Builder trustPem(String pem) throws TlsException {
            trustedCertificates.addAll(Pem.parseCertificates(pem));
            return this;
        }

        /**
         * Trusts every certificate entry of a key store (PKCS#12, JKS), and the chains of its key
         * entries.
         *
         * @param store a loaded key store
         * @return this builder
         * @throws TlsException {@link TlsException.Kind#CONFIGURATION} when the store is not loaded
         */
        public Builder trust(java.security.KeyStore store) throws TlsException {
            trustedCertificates.addAll(Pem.certificatesOf(store));
            return this;
        }

        /**
         * Trusts these certificates as anchors.
         *
         * @param certificates the certificates, added to those trusted already
         * @return this builder
         */
        public Builder trustCertificates(List<X509Certificate> certificates) {
            trustedCertificates.addAll(certificates);
            return this;
        }

        /**
         * Also trusts the JDK's system store (the default for a client given no other trust).
         *
         * @return this builder
         */
        public Builder trustSystem() {
            this.trustSystem = true;
            return this;
        }

        /**
         * Sets the client certificate (client) or the default certificate (server).
         *
         * @param material the key and its chain
         * @return this builder
         */
        public Builder keyMaterial(KeyMaterial material) {
            this.keyMaterial = material;
            return this;
        }

        /**
         * Server: present {@code material} to clients that ask for {@code host} through SNI.
         *
         * @param host     the name, matched without regard to case
         * @param material the key and chain for that name
         * @return this builder
         */
        public Builder sniKeyMaterial(String host, KeyMaterial material) {
            sniKeyMaterial.put(host.toLowerCase(Locale.ROOT), material);
            return this;
        }

        /**
         * Turns off certificate and host name verification. Never do this in production.
         *
         * @return this builder
         */
        public Builder insecureSkipVerification() {
            this.verifyPeer = false;
            return this;
        }

        /**
         * Keeps chain verification but skips the host name check.
         *
         * @return this builder
         */
        public Builder insecureSkipHostnameVerification() {
            this.verifyHostname = false;
            return this;
        }

        /**
         * Client: sends {@code name} as SNI and checks the certificate against it, instead of the
         * host of the connect.
         *
         * @param name a DNS name or an IP literal
         * @return this builder
         */
        public Builder serverName(String name) {
            this.serverName = name;
            return this;
        }

        /**
         * Sets the ALPN protocols, replacing any set before. None turns ALPN off.
         *
         * @param protocols protocol names in preference order, e.g. "h2", "http/1.1"
         * @return this builder
         */
        public Builder alpn(String... protocols) {
            alpn.clear();
            alpn.addAll(List.of(protocols));
            return this;
        }

        /**
         * Limits the TLS versions, which are by default 1.2 and 1.3.
         *
         * @param first a version to allow
         * @param rest  more versions to allow
         * @return this builder
         */
        public Builder versions(TlsVersion first, TlsVersion... rest) {
            this.versions = EnumSet.of(first, rest);
            return this;
        }

        /**
         * Limits the cipher suites, replacing any set before; none means every suite of the policy.
         * Each must be one of {@link dev.meerkat.tls.spi.TlsPolicy#SUITES}: a provider refuses
         * others with {@link TlsException.Kind#CONFIGURATION} when it makes a context.
         *
         * @param ianaNames IANA suite names in preference order, e.g. "TLS_AES_128_GCM_SHA256"
         * @return this builder
         */
        public Builder cipherSuites(String... ianaNames) {
            cipherSuites.clear();
            cipherSuites.addAll(List.of(ianaNames));
            return this;
        }

        /**
         * Peer chains are decided by {@code manager} (its {@code checkServerTrusted} or
         * {@code checkClientTrusted}), instead of trusted certificates; the host name check stays ours.
         *
         * @param manager decides whether a peer's chain is trusted
         * @return this builder
         */
        public Builder trustManager(X509TrustManager manager) {
            this.trustManager = Objects.requireNonNull(manager, "manager");
            return this;
        }

        /**
         * Our certificate and key come from {@code manager} ({@code jdk} provider only).
         *
         * @param manager picks our key and chain for each handshake
         * @return this builder
         */
        public Builder keyManager(X509KeyManager manager) {
            this.keyManager = Objects.requireNonNull(manager, "manager");
            return this;
        }

        /**
         * Keys and trust come from {@code context} ({@code jdk} provider only); versions, suites, ALPN,
         * SNI, client authentication and the host name check still come from this config.
         *
         * @param context the JSSE context to take keys and trust from
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Appends the secrets of every connection to {@code file} in the NSS key log format, so that
         * Wireshark can decrypt them. Anyone who reads the file can: for debugging only. A provider
         * that cannot expose its secrets ({@code jdk}) refuses the config; see {@link TlsProvider#keyLogging()}.
         *
         * @param file the key log, created if missing (readable by its owner only) and appended to
         * @return this builder
         */
        public Builder keyLog(Path file) {
            this.keyLogFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Turns on the key log when the environment variable {@code SSLKEYLOGFILE} names a file, as
         * curl and browsers do; nothing when it is unset. The variable alone never turns it on: an
         * application opts in by calling this.
         *
         * @return this builder
         */
        public Builder keyLogFromEnvironment() {
            return keyLogFrom(System.getenv(KEY_LOG_VARIABLE));
        }

        /** {@code value}: what {@code SSLKEYLOGFILE} holds; null or blank leaves the key log off. */
        Builder keyLogFrom(@Nullable String value) {
            return value == null || value.isBlank() ? this : keyLog(Path.of(value));
        }

        /**
         * Server: ask for (OPTIONAL) or require (REQUIRED) a client certificate. Either needs trust
         * to check it against.
         *
         * @param mode whether to ask for a client certificate
         * @return this builder
         */
        public Builder clientAuth(ClientAuth mode) {
            this.clientAuth = Objects.requireNonNull(mode);
            return this;
        }

        /**
         * Checks the settings together and makes the config.
         *
         * @return the immutable config
         * @throws IllegalStateException when a server asks for client certificates but has no
         *                               trust, or when keys or trust come from more than one source
         *                               (certificates, a JSSE manager, an SSLContext)
         */
        public TlsConfig build() {
            boolean hasTrust = !trustedCertificates.isEmpty() || trustSystem || trustManager != null || sslContext != null;
            if (role == Role.SERVER && clientAuth != ClientAuth.NONE && !hasTrust) {
                throw new IllegalStateException("client authentication needs trust: call trustPem, trust, trustSystem"
                        + " or trustManager");
            }
            refuseTwoSources("keys", keyMaterial != null || !sniKeyMaterial.isEmpty(), keyManager != null, sslContext != null);
            refuseTwoSources("trust", !trustedCertificates.isEmpty() || trustSystem, trustManager != null,
                    sslContext != null);
            return new TlsConfig(this);
        }

        /** Each of keys and trust comes from one place: certificates, a JSSE manager, or an SSLContext. */
        private static void refuseTwoSources(String what, boolean certificates, boolean manager, boolean context) {
            if ((certificates ? 1 : 0) + (manager ? 1 : 0) + (context ? 1 : 0) > 1) {
                throw new IllegalStateException("expected " + what + " from one source but got"
                        + (certificates ? " certificates" : "") + (manager ? " a JSSE manager" : "")
                        + (context ? " an SSLContext" : ""));
            }
        }
    }
}
