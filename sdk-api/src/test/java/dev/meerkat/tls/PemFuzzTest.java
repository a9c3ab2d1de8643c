package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meerkat.tls.Pem.Block;
import java.util.List;

/**
 * Fuzz target for the PEM and PKCS#8 loaders (Jazzer; CONTRIBUTING.md says how to fuzz one).
 * The seeds hold real certificates and keys in every format the loaders read. A loader either
 * returns what it read or fails with a {@link TlsException} of kind CONFIGURATION that names the
 * source: never another exception, whatever the JDK's parsers think of the bytes.
 */
class PemFuzzTest {

    private static final String[] LABELS = {"CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
        "EC PARAMETERS", "ENCRYPTED PRIVATE KEY"};

    /** PEM text: as it comes, or the fuzzer's bytes as the DER of a block whose label it picks. */
    @FuzzTest(maxDuration = "25s")
    void pem(FuzzedDataProvider data) {
        String text;
        if (data.consumeBoolean()) {
            String label = data.pickValue(LABELS);
            String headers = data.consumeBoolean() ? "Proc-Type: 4,ENCRYPTED\n" : "";
            byte[] der = data.consumeRemainingAsBytes();
            text = Pem.encode(label, der).replaceFirst("-\n", "-\n" + headers);
            assertReadsBack(text, label, der);
        } else {
            text = data.consumeRemainingAsString();
        }
        try {
            assertThat(Pem.parseCertificates(text)).isNotEmpty();
        } catch (TlsException e) {
            assertConfigurationError(e);
        }
        try {
            assertThat(Pem.parsePrivateKey(text)).isNotNull();
        } catch (TlsException e) {
            assertConfigurationError(e);
        }
    }

    private static void assertReadsBack(String text, String label, byte[] der) {
        try {
            List<Block> blocks = Pem.blocks(text, Pem.PEM_TEXT);
            assertThat(blocks).hasSize(1);
            assertThat(blocks.get(0).label()).isEqualTo(label);
            assertThat(blocks.get(0).der()).isEqualTo(der);
        } catch (TlsException e) {
            throw new AssertionError("expected the block just written to read back but " + e.getMessage(), e);
        }
    }

    private static void assertConfigurationError(TlsException e) {
        assertThat(e.kind()).as("kind of %s", e.getMessage()).isEqualTo(TlsException.Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("expected", Pem.PEM_TEXT);
    }
}
