package dev.meerkat.tls.openssl.jna;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.conformance.RenegotiationAnswer;
import org.junit.jupiter.api.Test;

/** OpenSSL declines a server's renegotiation with a no_renegotiation warning (SSL_OP_NO_RENEGOTIATION). */
class OpenSslJnaRenegotiationAnswerTest {

    @Test
    void declinesServerRenegotiation() throws Exception {
        assertThat(RenegotiationAnswer.ofProvider("openssl-jna")).isEqualTo(RenegotiationAnswer.NO_RENEGOTIATION_WARNING);
    }
}
