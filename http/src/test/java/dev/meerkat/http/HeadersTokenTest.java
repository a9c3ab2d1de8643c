package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HeadersTokenTest {

    @Test
    void findsATokenInAnyCaseAmongSpacedElements() {
        Headers h = Headers.of("Connection", "keep-alive ,\tUpgrade", "connection", " CLOSE ");
        assertThat(h.hasToken("Connection", "upgrade")).isTrue();
        assertThat(h.hasToken("CONNECTION", "close")).isTrue();
        assertThat(h.hasToken("Connection", "keep")).isFalse();
        assertThat(h.hasToken("Connection", "")).isFalse();
        assertThat(h.hasToken("Upgrade", "close")).isFalse();
    }

    /** The in-place scan agrees with the list {@link Headers#tokens} builds. */
    @Property(tries = 500)
    void agreesWithTokens(@ForAll("values") List<String> values, @ForAll("tokens") String token) {
        Headers.Builder b = Headers.builder();
        values.forEach(v -> b.add("Connection", v));
        Headers h = b.build();
        assertThat(h.hasToken("connection", token))
                .isEqualTo(h.tokens("Connection").contains(token.toLowerCase(Locale.ROOT)));
    }

    @Provide
    Arbitrary<List<String>> values() {
        return Arbitraries.strings().withChars("aAbB ,\t").ofMaxLength(12).list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars("aAbB").ofMaxLength(3);
    }
}
