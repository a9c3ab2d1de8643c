package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HeaderWriterTest {

    @Test
    void writesTheStartLineFieldsAndTheEmptyLine() {
        byte[] head = HeaderWriter.encode("HTTP/1.1 200 OK", Headers.of("Content-Length", "3", "X-Caf\u00e9", "cr\u00e8me"));
        assertThat(head).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-Caf\u00e9: cr\u00e8me\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void refusesCharactersBeyondLatin1() {
        assertThatThrownBy(() -> HeaderWriter.encode("HTTP/1.1 200 OK", Headers.of("X", "\u20ac")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X with char 0x20ac");
    }

    /** The same bytes as the header section written as text and encoded in ISO-8859-1. */
    @Property(tries = 300)
    void matchesTheTextForm(@ForAll("fields") List<String> namesAndValues) {
        Headers headers = Headers.of(namesAndValues.toArray(String[]::new));
        StringBuilder text = new StringBuilder("HTTP/1.1 204 No Content\r\n");
        HeaderWriter.append(text, headers);
        assertThat(HeaderWriter.encode("HTTP/1.1 204 No Content", headers))
                .isEqualTo(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Provide
    Arbitrary<List<String>> fields() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u00ff')
                .ofMaxLength(20);
        return text.list().ofMaxSize(12).filter(l -> l.size() % 2 == 0);
    }
}
