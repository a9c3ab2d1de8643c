package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.conformance.TestPki;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pem against files written by the openssl CLI (TestPki), and its errors. */
class PemTest {

    private final TestPki pki = TestPki.get();

    @TempDir
    Path temp;

    @Test
    void readsEveryCertificateOfAChainInOrder() throws Exception {
        List<X509Certificate> chain = Pem.readCertificates(pki.serverChainPem());

        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(chain.get(1)).isEqualTo(Pem.readCertificates(pki.caPem()).get(0));
    }

    @Test
    void ignoresTextOutsideTheBlocks() throws Exception {
        String pem = "Bag Attributes\n    friendlyName: server\nsubject=CN = localhost\n"
                + Files.readString(pki.file("server.pem")) + "trailing words\n";

        assertThat(Pem.parseCertificates(pem)).containsExactly(pki.server().leaf());
    }

    @ParameterizedTest
    @ValueSource(strings = {"server.key", "server-pkcs8.key", "server-sec1.key", "server-sec1-params.key"})
    void readsTheEcServerKeyInEveryFormat(String file) throws Exception {
        PrivateKey key = Pem.readPrivateKey(pki.file(file));

        assertThat(key.getAlgorithm()).isEqualTo("EC");
        assertThat(scalar(key)).isEqualTo(scalar(pki.server().privateKey()));
        assertSignsFor(key, pki.server().leaf(), "SHA256withECDSA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-server.key", "server-pkcs1.key"})
    void readsTheRsaServerKeyAsPkcs8AndPkcs1(String file) throws Exception {
        PrivateKey key = Pem.readPrivateKey(pki.file(file));

        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        assertSignsFor(key, pki.rsaServer().leaf(), "SHA256withRSA");
    }

    @Test
    void readsAKeyThatFollowsCertificatesInOneFile() throws Exception {
        String combined = Files.readString(pki.serverChainPem()) + Files.readString(pki.file("server-sec1.key"));

        assertThat(KeyMaterial.fromPem(combined, combined).chain()).hasSize(2);
    }

    @Test
    void readsEd25519FromPkcs8() throws Exception {
        // RFC 8410 section 10.3 example key.
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
                + "-----END PRIVATE KEY-----\n";

        assertThat(Pem.parsePrivateKey(pem).getAlgorithm()).isIn("Ed25519", "EdDSA");
    }

    @Test
    void readsTheFirstKeyEntryOfPkcs12() throws Exception {
        KeyMaterial material = Pem.readPkcs12(pki.file("server.p12"), "changeit".toCharArray());

        assertThat(material.chain()).isEqualTo(pki.server().chain());
        assertThat(material.privateKey().getEncoded()).isEqualTo(pki.server().privateKey().getEncoded());
    }

    @Test
    void collectsCertificateEntriesAndChainsOfAKeyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("other", pki.unknownCa().chain().get(1));
        store.setKeyEntry("server", pki.server().privateKey(), "pw".toCharArray(),
                pki.server().chain().toArray(new X509Certificate[0]));

        assertThat(Pem.certificatesOf(store)).containsExactlyInAnyOrder(
                pki.unknownCa().chain().get(1), pki.server().leaf(), pki.server().chain().get(1));
    }

    @Test
    void rejectsAWrongPkcs12Password() {
        assertConfigurationError(() -> Pem.readPkcs12(pki.file("server.p12"), "wrong".toCharArray()),
                "server.p12", "wrong password");
    }

    @Test
    void rejectsPkcs8EncryptedKeysWithAHowTo() {
        assertConfigurationError(() -> Pem.readPrivateKey(pki.file("server-encrypted.key")),
                "server-encrypted.key", "encrypted keys are not supported", "openssl pkey");
    }

    @Test
    void rejectsLegacyEncryptedKeysWithAHowTo() {
        assertConfigurationError(() -> Pem.readPrivateKey(pki.file("server-legacy-encrypted.key")),
                "server-legacy-encrypted.key", "encrypted keys are not supported", "openssl pkey");
    }

    @Test
    void namesWhatWasFoundWhenNoKeyIsThere() {
        assertConfigurationError(() -> Pem.readPrivateKey(pki.serverChainPem()),
                "server-chain.pem", "expected a PRIVATE KEY", "but found blocks CERTIFICATE, CERTIFICATE");
    }

    @Test
    void namesWhatWasFoundWhenNoCertificateIsThere() {
        assertConfigurationError(() -> Pem.readCertificates(pki.serverKeyPem()),
                "server.key", "expected a CERTIFICATE block", "but found blocks PRIVATE KEY");
    }

    @Test
    void rejectsTextWithoutBlocks() {
        assertConfigurationError(() -> Pem.parseCertificates("hello"), "PEM text", "but found no PEM block");
        assertConfigurationError(() -> Pem.parsePrivateKey(""), "PEM text", "but found no PEM block");
    }

    @Test
    void rejectsBrokenBase64() {
        String pem = "-----BEGIN CERTIFICATE-----\nnot*base64!\n-----END CERTIFICATE-----\n";

        assertConfigurationError(() -> Pem.parseCertificates(pem), "PEM text", "expected base64 in CERTIFICATE block 1");
    }

    @Test
    void rejectsACertificateThatDoesNotParse() {
        String pem = "-----BEGIN CERTIFICATE-----\nAAECAwQF\n-----END CERTIFICATE-----\n";

        assertConfigurationError(() -> Pem.parseCertificates(pem), "PEM text",
                "expected an X.509 certificate in CERTIFICATE block 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"})
    void rejectsGarbageKeys(String label) {
        String pem = "-----BEGIN " + label + "-----\nAAECAwQFBgcICQ==\n-----END " + label + "-----\n";

        assertConfigurationError(() -> Pem.parsePrivateKey(pem), "PEM text", "expected");
    }

    @Test
    void rejectsAnUnknownPkcs8Algorithm() {
        // PrivateKeyInfo with AlgorithmIdentifier 1.2.3.4 (not a key algorithm).
        String pem = "-----BEGIN PRIVATE KEY-----\nMBACAQAwBQYDKgMEBARqdW5r\n-----END PRIVATE KEY-----\n";

        assertConfigurationError(() -> Pem.parsePrivateKey(pem), "PEM text", "its PKCS#8 algorithm is OID 1.2.3.4");
    }

    @Test
    void namesAMissingFile() {
        Path missing = temp.resolve("missing.pem");

        assertConfigurationError(() -> Pem.readCertificates(missing), missing.toString(), "does not exist");
    }

    @Test
    void toleratesWindowsLineEndings() throws IOException, TlsException {
        Path crlf = temp.resolve("crlf.key");
        Files.writeString(crlf, Files.readString(pki.file("server-sec1.key")).replace("\n", "\r\n"),
                StandardCharsets.US_ASCII);

        assertThat(scalar(Pem.readPrivateKey(crlf))).isEqualTo(scalar(pki.server().privateKey()));
    }

    /** The EC private value: SEC1 and PKCS#8 encodings of one key differ in their optional fields. */
    private static BigInteger scalar(PrivateKey key) {
        return ((ECPrivateKey) key).getS();
    }

    private static void assertSignsFor(PrivateKey key, X509Certificate certificate, String algorithm)
            throws Exception {
        byte[] data = "meerkat".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(data);
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(signer.sign())).as("signature by %s verifies with %s's key", algorithm,
                certificate.getSubjectX500Principal()).isTrue();
    }

    private static void assertConfigurationError(ThrowingCall call, String... messageParts) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(TlsException.class,
                        e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.CONFIGURATION))
                .message().contains(messageParts);
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
