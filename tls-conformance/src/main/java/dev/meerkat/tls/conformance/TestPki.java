package dev.meerkat.tls.conformance;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The certificates every TLS test uses, generated once per JVM with the openssl CLI (OpenSSL 3.0+)
 * into a temporary directory that is deleted on exit. No private key is committed to the repository.
 *
 * <p>Keys are EC P-256 (fast to make) except {@link #rsaServer()}. Two CAs: the trusted
 * "Meerkat Test Root CA" ({@link #caPem()}) and an untrusted one behind {@link #unknownCa()}. Every
 * {@link KeyMaterial} chain is leaf then its CA.
 *
 * <table>
 * <caption>Files in {@link #dir()}, for {@link #file(String)}</caption>
 * <tr><th>name</th><th>holds</th></tr>
 * <tr><td>ca.pem / ca.key</td><td>trusted root CA certificate / its key</td></tr>
 * <tr><td>other-ca.pem</td><td>the untrusted CA behind unknown-ca-chain.pem</td></tr>
 * <tr><td>server.pem, server-chain.pem</td><td>server leaf (SAN DNS:localhost, IP:127.0.0.1,
 *     IP:::1, EKU serverAuth); leaf + CA</td></tr>
 * <tr><td>server.key = server-pkcs8.key</td><td>its EC key as PKCS#8 "PRIVATE KEY"</td></tr>
 * <tr><td>server-sec1.key</td><td>the same key as SEC1 "EC PRIVATE KEY"</td></tr>
 * <tr><td>server-sec1-params.key</td><td>"EC PARAMETERS" then the SEC1 key, as {@code openssl ecparam -genkey} writes</td></tr>
 * <tr><td>server-encrypted.key</td><td>the same key as "ENCRYPTED PRIVATE KEY" (password "secret")</td></tr>
 * <tr><td>server-legacy-encrypted.key</td><td>SEC1 with "Proc-Type: 4,ENCRYPTED" (password "secret")</td></tr>
 * <tr><td>server.p12</td><td>PKCS#12 of server.key + server-chain.pem, password "changeit"</td></tr>
 * <tr><td>rsa-server.pem, rsa-server-chain.pem, rsa-server.key</td><td>RSA 2048 server leaf for the same
 *     names; leaf + CA; its key as PKCS#8</td></tr>
 * <tr><td>server-pkcs1.key</td><td>rsa-server.key as PKCS#1 "RSA PRIVATE KEY"</td></tr>
 * <tr><td>wrong-host-chain.pem / wrong-host.key</td><td>server leaf for DNS:wrong.example only + CA</td></tr>
 * <tr><td>expired-chain.pem / expired.key</td><td>localhost leaf valid 2020-01-01 to 2021-01-01 + CA</td></tr>
 * <tr><td>unknown-ca-chain.pem / unknown-ca.key</td><td>localhost leaf signed by other-ca + other-ca</td></tr>
 * <tr><td>client-chain.pem / client.key</td><td>client leaf CN=meerkat-test-client, EKU clientAuth + CA</td></tr>
 * </table>
 */
public final class TestPki {


    private static TestPki instance;

    private final Path dir;
    private final List<X509Certificate> caCertificates;
    private final KeyMaterial server;
    private final KeyMaterial wrongHost;
    private final KeyMaterial expired;
    private final KeyMaterial unknownCa;
    private final KeyMaterial client;
    private final KeyMaterial rsaServer;

    private TestPki(Path dir) throws TlsException {
        this.dir = dir;
        this.caCertificates = KeyMaterial.fromPem(dir.resolve("ca.pem"), dir.resolve("ca.key")).chain();
        this.server = material("server");
        this.wrongHost = material("wrong-host");
        this.expired = material("expired");
        this.unknownCa = material("unknown-ca");
        this.client = material("client");
        this.rsaServer = material("rsa-server");
    }

    /**
     * The shared PKI, generated on first use; thread-safe.
     *
     * @return the one instance of this JVM
     * @throws IllegalStateException when openssl cannot generate it, with openssl's output
     * @throws UncheckedIOException  when the temporary directory cannot be made
     */
    public static synchronized TestPki get() {
        if (instance == null) {
            instance = generate();
        }
        return instance;
    }

    /**
     * The temporary directory the files are in; deleted when the JVM exits.
     *
     * @return the directory
     */
    public Path dir() { return dir; }

    /**
     * The trusted CA's certificate, for peers outside the process (openssl {@code -CAfile}).
     *
     * @return the path of ca.pem
     */
    public Path caPem() { return dir.resolve("ca.pem"); }

    /**
     * Server leaf then CA, PEM.
     *
     * @return the path of server-chain.pem
     */
    public Path serverChainPem() { return dir.resolve("server-chain.pem"); }

    /**
     * The server's EC key as PKCS#8 PEM.
     *
     * @return the path of server.key
     */
    public Path serverKeyPem() { return dir.resolve("server.key"); }

    /**
     * The default server's key and chain: localhost, 127.0.0.1 and ::1, signed by the trusted CA.
     *
     * @return EC P-256 key material
     */
    public KeyMaterial server() { return server; }

    /**
     * A server certificate for DNS:wrong.example only, signed by the trusted CA.
     *
     * @return EC P-256 key material
     */
    public KeyMaterial wrongHost() { return wrongHost; }

    /**
     * A localhost certificate valid only from 2020-01-01 to 2021-01-01.
     *
     * @return EC P-256 key material
     */
    public KeyMaterial expired() { return expired; }

    /**
     * A localhost certificate signed by a CA no config trusts.
     *
     * @return EC P-256 key material, chain leaf then the untrusted CA
     */
    public KeyMaterial unknownCa() { return unknownCa; }

    /**
     * A client certificate (EKU clientAuth) signed by the trusted CA.
     *
     * @return EC P-256 key material
     */
    public KeyMaterial client() { return client; }

    /**
     * Like {@link #server()} with an RSA 2048 key, for RSA-only suites.
     *
     * @return RSA key material
     */
    public KeyMaterial rsaServer() { return rsaServer; }

    /**
     * A generated file by name (see the class documentation).
     *
     * @param name the file name, such as "server.p12"
     * @return its path
     * @throws IllegalArgumentException for a name that was not generated, listing those that were
     */
    public Path file(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("expected a generated test PKI file but there is no '" + name
                    + "' in " + dir + "; generated: " + listing());
        }
        return file;
    }

    /**
     * A client that trusts only the test CA, with host name checks on.
     *
     * @return a new builder, to add versions or ALPN to
     */
    public TlsConfig.Builder clientConfig() {
        return TlsConfig.client().trustCertificates(caCertificates);
    }

    /**
     * A server with {@code material}.
     *
     * @param material the server's key and chain, such as {@link #server()}
     * @return a new builder, to add versions or ALPN to
     */
    public TlsConfig.Builder serverConfig(KeyMaterial material) {
        return TlsConfig.server(material);
    }

    private KeyMaterial material(String name) throws TlsException {
        return KeyMaterial.fromPem(dir.resolve(name + "-chain.pem"), dir.resolve(name + ".key"));
    }

    private static TestPki generate() {
        Path dir;
        try {
            dir = Files.createTempDirectory("meerkat-test-pki-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the test PKI", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir), "test-pki-cleanup"));
        try {
            new TestPkiGenerator(dir, new TestPkiOpenssl(dir)).generate();
            return new TestPki(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot generate the test PKI in " + dir + ": " + e.getMessage(), e);
        }
    }

    private String listing() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().toString();
        } catch (IOException e) {
            return "(cannot list: " + e + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.getLogger(TestPki.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot delete the test PKI in " + dir, e);
        }
    }
}
