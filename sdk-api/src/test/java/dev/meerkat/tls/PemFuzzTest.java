package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meerkat.tls.Der.DerException;
import dev.meerkat.tls.Der.Element;
import dev.meerkat.tls.Pem.Block;
import java.util.List;

/**
 * Fuzz targets for the PEM, DER and PKCS#8 loaders (Jazzer; CONTRIBUTING.md says how to fuzz one).
 * The seeds hold real certificates and keys in every format the loaders read. A loader either
 * returns what it read or fails with a {@link TlsException} of kind CONFIGURATION that names the
 * source: never another exception, whatever the JDK's parsers think of the bytes.
 */
class PemFuzzTest {

    private static final String[] LABELS = {"CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
        "EC PARAMETERS", "ENCRYPTED PRIVATE KEY"};

    /** PEM text: as it comes, or the fuzzer's bytes as the DER of a block whose label it picks. */
    @FuzzTest(maxDuration = "30s")
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

    /**
     * DER elements: every byte is accounted for (re-encoding them in their shortest form takes no
     * more bytes and reads back the same), and an OBJECT IDENTIFIER that reads writes back as it came.
     */
    @FuzzTest(maxDuration = "30s")
    void der(FuzzedDataProvider data) throws DerException {
        byte[] der = data.consumeRemainingAsBytes();
        List<Element> elements;
        try {
            elements = Der.readAll(der);
        } catch (DerException e) {
            assertThat(e.getMessage()).containsAnyOf("expected", "multi-byte");
            return;
        }
        byte[] shortest = Der.concat(elements.stream().map(e -> Der.encode(e.tag(), e.content())).toArray(byte[][]::new));
        assertThat(shortest.length).as("bytes of the shortest encoding").isLessThanOrEqualTo(der.length);
        List<Element> again = Der.readAll(shortest);
        assertThat(again).hasSameSizeAs(elements);
        for (int i = 0; i < elements.size(); i++) {
            assertThat(again.get(i).tag()).isEqualTo(elements.get(i).tag());
            assertThat(again.get(i).content()).isEqualTo(elements.get(i).content());
            assertOidRoundTrip(elements.get(i));
        }
    }

    private static void assertOidRoundTrip(Element element) {
        if (element.tag() != Der.OID) {
            return;
        }
        String dotted;
        try {
            dotted = element.oid();
        } catch (DerException e) {
            assertThat(e.getMessage()).contains("expected");
            return;
        }
        if (!hasPaddedArc(element.content())) {
            assertThat(Der.oid(dotted)).as("%s written back", dotted).isEqualTo(Der.encode(Der.OID, element.content()));
        }
    }

    /** A subidentifier starting with 0x80 is padding that DER forbids and the writer never produces. */
    private static boolean hasPaddedArc(byte[] content) {
        for (int i = 0; i < content.length; i++) {
            if ((content[i] & 0xFF) == 0x80 && (i == 0 || (content[i - 1] & 0x80) == 0)) {
                return true;
            }
        }
        return false;
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
