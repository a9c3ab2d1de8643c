package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meerkat.tls.Der.DerException;
import dev.meerkat.tls.Der.Element;
import java.util.List;

/**
 * Fuzz target for the DER reader under the PKCS#1 and SEC1 key loaders (Jazzer; CONTRIBUTING.md
 * says how to fuzz one). Its seeds are the DER of real certificates and keys. It fails only with a
 * {@link DerException}.
 */
class DerFuzzTest {

    /**
     * DER elements: every byte is accounted for (re-encoding them in their shortest form takes no
     * more bytes and reads back the same), and an OBJECT IDENTIFIER that reads writes back as it came.
     */
    @FuzzTest(maxDuration = "25s")
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
}
