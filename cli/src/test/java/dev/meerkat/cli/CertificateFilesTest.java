package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.KeyMaterial;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateFilesTest {

    @Test
    void printsTheFingerprintAsColonSeparatedHex() {
        X509Certificate cert = KeyMaterial.selfSigned("localhost").leaf();
        assertThat(CertificateFiles.sha256Fingerprint(cert)).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void writesPemFilesThatTheSdkReadsBack(@TempDir Path dir) throws Exception {
        KeyMaterial generated = KeyMaterial.selfSigned("localhost", "127.0.0.1");
        Path cert = CertificateFiles.write(generated, dir);
        KeyMaterial material = KeyMaterial.fromPem(cert, dir.resolve("key.pem"));
        assertThat(material.leaf()).isEqualTo(generated.leaf());
        assertThat(material.privateKey().getEncoded()).isEqualTo(generated.privateKey().getEncoded());
    }
}
