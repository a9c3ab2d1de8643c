package dev.meerkat.tls.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every file of {@link TestPki} with one openssl process per step. Leaf certificates are
 * made in one step each with {@code req -x509 -CA} (OpenSSL 3.0); the expired one goes through
 * {@code openssl ca}, the only OpenSSL 3.0 command that takes explicit start and end dates.
 */
final class TestPkiGenerator {

    private static final String[] EC_P256 = {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"};
    private static final String[] RSA_2048 = {"-newkey", "rsa:2048"};
    /** The validity of expired-chain.pem: it ended years ago. */
    private static final String EXPIRED_START = "20200101000000Z";
    private static final String EXPIRED_END = "20210101000000Z";
    private static final String PASSWORD = "pass:secret";

    /** Extension sections for {@code req}, plus the minimal database {@code openssl ca} insists on. */
    private static final String CONFIG = """
            [ req ]
            distinguished_name = req_dn
            prompt = no
            [ req_dn ]
            CN = unused
            [ ca_ext ]
            basicConstraints = critical, CA:TRUE
            keyUsage = critical, keyCertSign, cRLSign
            subjectKeyIdentifier = hash
            [ server_ext ]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature, keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            [ wrong_host_ext ]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature, keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:wrong.example
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            [ client_ext ]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = clientAuth
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            [ ca ]
            default_ca = test_ca
            [ test_ca ]
            database = index.txt
            serial = serial
            new_certs_dir = .
            certificate = ca.pem
            private_key = ca.key
            default_md = sha256
            policy = any_name
            unique_subject = no
            [ any_name ]
            commonName = supplied
            """;

    private final Path dir;
    private final TestPkiOpenssl openssl;

    TestPkiGenerator(Path dir, TestPkiOpenssl openssl) {
        this.dir = dir;
        this.openssl = openssl;
    }

    void generate() throws IOException {
        openssl.requireVersion3();
        write("openssl.cnf", CONFIG);
        selfSignedCa("ca", "/O=Meerkat Test/CN=Meerkat Test Root CA");
        selfSignedCa("other-ca", "/O=Meerkat Test/CN=Meerkat Untrusted CA");
        leaf("server", "ca", "/CN=localhost", "server_ext", EC_P256);
        leaf("wrong-host", "ca", "/CN=wrong.example", "wrong_host_ext", EC_P256);
        leaf("unknown-ca", "other-ca", "/CN=localhost", "server_ext", EC_P256);
        leaf("client", "ca", "/O=Meerkat Test/CN=meerkat-test-client", "client_ext", EC_P256);
        leaf("rsa-server", "ca", "/CN=localhost", "server_ext", RSA_2048);
        expiredLeaf();
        serverKeyFormats();
        openssl.run("pkcs12", "-export", "-in", "server-chain.pem", "-inkey", "server.key",
                "-name", "server", "-passout", "pass:changeit", "-out", "server.p12");
    }

    private void selfSignedCa(String name, String subject) {
        req(EC_P256, "-x509", "-keyout", name + ".key", "-out", name + ".pem", "-days", "3650",
                "-subj", subject, "-extensions", "ca_ext");
    }

    /** {@code name}.pem, {@code name}.key (PKCS#8) and {@code name}-chain.pem (leaf + issuer). */
    private void leaf(String name, String issuer, String subject, String extensions, String[] newKey)
            throws IOException {
        req(newKey, "-x509", "-keyout", name + ".key", "-out", name + ".pem", "-days", "825", "-subj", subject,
                "-CA", issuer + ".pem", "-CAkey", issuer + ".key", "-extensions", extensions);
        chain(name, issuer);
    }

    private void expiredLeaf() throws IOException {
        req(EC_P256, "-keyout", "expired.key", "-out", "expired.csr", "-subj", "/CN=localhost");
        write("index.txt", "");
        write("serial", "1000\n");
        openssl.run("ca", "-batch", "-notext", "-config", "openssl.cnf", "-in", "expired.csr", "-out", "expired.pem",
                "-startdate", EXPIRED_START, "-enddate", EXPIRED_END, "-extensions", "server_ext");
        chain("expired", "ca");
    }

    /** server.key in the other encodings that Pem reads (or refuses with a clear message). */
    private void serverKeyFormats() throws IOException {
        Files.copy(dir.resolve("server.key"), dir.resolve("server-pkcs8.key"));
        openssl.run("ec", "-in", "server.key", "-out", "server-sec1.key");
        openssl.run("ecparam", "-name", "prime256v1", "-out", "ec-params.pem");
        write("server-sec1-params.key", read("ec-params.pem") + read("server-sec1.key"));
        openssl.run("pkey", "-in", "rsa-server.key", "-traditional", "-out", "server-pkcs1.key");
        openssl.run("pkcs8", "-topk8", "-in", "server.key", "-passout", PASSWORD, "-out", "server-encrypted.key");
        openssl.run("ec", "-in", "server.key", "-aes128", "-passout", PASSWORD, "-out", "server-legacy-encrypted.key");
    }

    /** {@code openssl req -new} with a fresh unencrypted key and our config, then {@code options}. */
    private void req(String[] newKey, String... options) {
        List<String> args = new ArrayList<>(List.of("req", "-new", "-nodes", "-config", "openssl.cnf"));
        args.addAll(List.of(newKey));
        args.addAll(List.of(options));
        openssl.run(args.toArray(String[]::new));
    }

    private void chain(String name, String issuer) throws IOException {
        write(name + "-chain.pem", read(name + ".pem") + read(issuer + ".pem"));
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }
}
