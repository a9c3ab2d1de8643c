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

    public enum Role { CLIENT, SERVER }

    /** Whether a server asks for a client certificate. */
    public enum ClientAuth { NONE, OPTIONAL, REQUIRED }

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

    public static Builder client() {
        return new Builder(Role.CLIENT, null);
    }

    public static Builder server(KeyMaterial keyMaterial) {
        return new Builder(Role.SERVER, Objects.requireNonNull(keyMaterial, "keyMaterial"));
    }

    /** A server whose keys come from the user's key manager ({@code jdk} provider only). */
    public static Builder server(X509KeyManager keyManager) {
        return new Builder(Role.SERVER, null).keyManager(keyManager);
    }

    /** A server on the user's whole JSSE context ({@code jdk} provider only). */
    public static Builder server(SSLContext sslContext) {
        return new Builder(Role.SERVER, null).sslContext(sslContext);
    }

    public Role role() { return role; }

    public boolean isClient() { return role == Role.CLIENT; }

    /** Certificates trusted as anchors, in addition to the system store when {@link #trustSystem()}. */
    public List<X509Certificate> trustedCertificates() { return trustedCertificates; }

    public boolean trustSystem() { return trustSystem; }

    /** Our key and chain: required on a server, optional on a client (client authentication). */
    public @Nullable KeyMaterial keyMaterial() { return keyMaterial; }

    /** Server: key material per SNI host name (lower case); {@link #keyMaterial()} otherwise. */
    public Map<String, KeyMaterial> sniKeyMaterial() { return sniKeyMaterial; }

    /** Client: verify the server. Server: verify client certificates when client auth is on. */
    public boolean verifyPeer() { return verifyPeer; }

    public boolean verifyHostname() { return verifyHostname; }

    /** Client: the SNI name and the name checked against the certificate; null means the connect host. */
    public @Nullable String serverName() { return serverName; }

    /** ALPN protocols in preference order; empty means no ALPN. */
    public List<String> alpn() { return alpn; }

    public Set<TlsVersion> versions() { return versions; }

    /** IANA cipher suite names in preference order; empty means the provider's secure defaults. */
    public List<String> cipherSuites() { return cipherSuites; }

    public ClientAuth clientAuth() { return clientAuth; }

    /** The user's trust manager, which decides peer chains instead of the trusted certificates; or null. */
    public @Nullable X509TrustManager trustManager() { return trustManager; }

    /** The user's key manager, which replaces {@link #keyMaterial()}; or null. */
    public @Nullable X509KeyManager keyManager() { return keyManager; }

    /** The user's JSSE context, which replaces keys and trust; or null. */
    public @Nullable SSLContext sslContext() { return sslContext; }

    /**
     * Where the TLS secrets of every connection go, in the NSS key log format (Wireshark's
     * "(Pre)-Master-Secret log filename"); null, the default, for nowhere.
     */
    public @Nullable Path keyLogFile() { return keyLogFile; }

    /** True when the config holds a JSSE key manager or context, which only SSLEngine providers can use. */
    public boolean needsJsse() { return keyManager != null || sslContext != null; }

    /** The one verifier every provider uses for this config's certificate decisions. */
    public PeerVerifier peerVerifier() {
        PeerVerifier v = verifier;
        if (v == null) {
            v = PeerVerifier.of(this);
            verifier = v;
        }
        return v;
    }

    /** The key material a server presents for {@code sniHost} (null or unknown: the default). */
    public @Nullable KeyMaterial keyMaterialFor(@Nullable String sniHost) {
        if (sniHost != null) {
            KeyMaterial m = sniKeyMaterial.get(sniHost.toLowerCase(Locale.ROOT));
            if (m != null) {
                return m;
            }
        }
        return keyMaterial;
    }

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

        /** Trusts the certificates of a PEM file (one or more CERTIFICATE blocks). */
        public Builder trustPem(java.nio.file.Path file) throws TlsException {
            trustedCertificates.addAll(Pem.readCertificates(file));
            return this;
        }

        /** Trusts the certificates of PEM text. */
        public Builder trustPem(String pem) throws TlsException {
            trustedCertificates.addAll(Pem.parseCertificates(pem));
            return this;
        }

        /** Trusts every certificate entry of a key store (PKCS#12, JKS). */
        public Builder trust(java.security.KeyStore store) throws TlsException {
            trustedCertificates.addAll(Pem.certificatesOf(store));
            return this;
        }

        public Builder trustCertificates(List<X509Certificate> certificates) {
            trustedCertificates.addAll(certificates);
            return this;
        }

        /** Also trusts the JDK's system store (the default for a client given no other trust). */
        public Builder trustSystem() {
            this.trustSystem = true;
            return this;
        }

        /** Client certificate (client) or default certificate (server). */
        public Builder keyMaterial(KeyMaterial material) {
            this.keyMaterial = material;
            return this;
        }

        /** Server: present {@code material} to clients that ask for {@code host} through SNI. */
        public Builder sniKeyMaterial(String host, KeyMaterial material) {
            sniKeyMaterial.put(host.toLowerCase(Locale.ROOT), material);
            return this;
        }

        /** Turns off certificate and host name verification. Never do this in production. */
        public Builder insecureSkipVerification() {
            this.verifyPeer = false;
            return this;
        }

        /** Keeps chain verification but skips the host name check. */
        public Builder insecureSkipHostnameVerification() {
            this.verifyHostname = false;
            return this;
        }

        public Builder serverName(String name) {
            this.serverName = name;
            return this;
        }

        public Builder alpn(String... protocols) {
            alpn.clear();
            alpn.addAll(List.of(protocols));
            return this;
        }

        public Builder versions(TlsVersion first, TlsVersion... rest) {
            this.versions = EnumSet.of(first, rest);
            return this;
        }

        public Builder cipherSuites(String... ianaNames) {
            cipherSuites.clear();
            cipherSuites.addAll(List.of(ianaNames));
            return this;
        }

        /**
         * Peer chains are decided by {@code manager} (its {@code checkServerTrusted} or
         * {@code checkClientTrusted}), instead of trusted certificates; the host name check stays ours.
         */
        public Builder trustManager(X509TrustManager manager) {
            this.trustManager = Objects.requireNonNull(manager, "manager");
            return this;
        }

        /** Our certificate and key come from {@code manager} ({@code jdk} provider only). */
        public Builder keyManager(X509KeyManager manager) {
            this.keyManager = Objects.requireNonNull(manager, "manager");
            return this;
        }

        /**
         * Keys and trust come from {@code context} ({@code jdk} provider only); versions, suites, ALPN,
         * SNI, client authentication and the host name check still come from this config.
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Appends the secrets of every connection to {@code file} in the NSS key log format, so that
         * Wireshark can decrypt them. Anyone who reads the file can: for debugging only. A provider
         * that cannot expose its secrets ({@code jdk}) refuses the config; see {@link TlsProvider#keyLogging()}.
         */
        public Builder keyLog(Path file) {
            this.keyLogFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Turns on the key log when the environment variable {@code SSLKEYLOGFILE} names a file, as
         * curl and browsers do; nothing when it is unset. The variable alone never turns it on: an
         * application opts in by calling this.
         */
        public Builder keyLogFromEnvironment() {
            return keyLogFrom(System.getenv(KEY_LOG_VARIABLE));
        }

        /** {@code value}: what {@code SSLKEYLOGFILE} holds; null or blank leaves the key log off. */
        Builder keyLogFrom(@Nullable String value) {
            return value == null || value.isBlank() ? this : keyLog(Path.of(value));
        }

        /** Server: ask for (OPTIONAL) or require (REQUIRED) a client certificate. */
        public Builder clientAuth(ClientAuth mode) {
            this.clientAuth = Objects.requireNonNull(mode);
            return this;
        }

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
