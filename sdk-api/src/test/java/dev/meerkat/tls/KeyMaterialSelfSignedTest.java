package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyMaterialSelfSignedTest {

    @Test
    void namesTheHostsAndAddressesAndVerifiesWithItsOwnKey() throws Exception {
        X509Certificate cert = KeyMaterial.selfSigned("localhost", "127.0.0.1").leaf();
        cert.checkValidity();
        cert.verify(cert.getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void isATrustAnchorThatMaySignAsOpensslReqX509MakesThem() {
        X509Certificate cert = KeyMaterial.selfSigned("localhost").leaf();
        assertThat(cert.getBasicConstraints()).as("basicConstraints cA").isEqualTo(Integer.MAX_VALUE);
        assertThat(cert.getKeyUsage()).as("keyUsage").startsWith(true, false, false, false, false, true);
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    }

    @Test
    void writesIpv6LiteralsAsIpAddressesAndOtherNamesAsDnsNames() throws Exception {
        X509Certificate cert = KeyMaterial.selfSigned("::1", "example.test", "127.1.2.3").leaf();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=::1");
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(
                List.of(7, "0:0:0:0:0:0:0:1"), List.of(2, "example.test"), List.of(7, "127.1.2.3"));
    }

    @Test
    void givesANewKeyAndSerialEveryTime() {
        KeyMaterial first = KeyMaterial.selfSigned("localhost");
        KeyMaterial second = KeyMaterial.selfSigned("localhost");
        assertThat(first.privateKey().getEncoded()).isNotEqualTo(second.privateKey().getEncoded());
        assertThat(first.leaf().getSerialNumber()).isNotEqualTo(second.leaf().getSerialNumber());
    }

    @Test
    void rejectsACertificateWithoutAnyName() {
        assertThatThrownBy(KeyMaterial::selfSigned)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected at least one host name or IP address");
    }

    @Test
    void writesPemThatTheSdkReadsBack() throws Exception {
        KeyMaterial generated = KeyMaterial.selfSigned("localhost", "127.0.0.1");
        assertThat(generated.chainPem()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(generated.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        KeyMaterial read = KeyMaterial.fromPem(generated.chainPem(), generated.privateKeyPem());
        assertThat(read.chain()).isEqualTo(generated.chain());
        assertThat(read.privateKey().getEncoded()).isEqualTo(generated.privateKey().getEncoded());
    }
}
