package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.KeyMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {

    @Test
    void namesLocalhostAndTheLoopbackAddressAndVerifiesWithItsOwnKey() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificate.generate();
        X509Certificate cert = generated.certificate();
        cert.checkValidity();
        cert.verify(cert.getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void printsTheFingerprintAsColonSeparatedHex() {
        assertThat(SelfSignedCertificate.generate().sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void writesPemThatTheSdkReadsBack() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificate.generate();
        Path dir = Files.createTempDirectory("meerkat-cert-test");
        Path cert = generated.writeTo(dir);
        KeyMaterial material = KeyMaterial.fromPem(cert, dir.resolve("key.pem"));
        assertThat(material.leaf()).isEqualTo(generated.certificate());
        assertThat(material.privateKey().getEncoded()).isEqualTo(generated.keyMaterial().privateKey().getEncoded());
    }
}
