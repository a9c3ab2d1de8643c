package dev.meerkat.tls.openssl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.conformance.RenegotiationAnswer;
import org.junit.jupiter.api.Test;

/** BoringSSL declines a server's renegotiation by ignoring the HelloRequest (OpenSslEngine). */
class OpenSslRenegotiationAnswerTest {

    @Test
    void declinesServerRenegotiation() throws Exception {
        assertThat(RenegotiationAnswer.ofProvider("openssl")).isEqualTo(RenegotiationAnswer.NOTHING);
    }
}
