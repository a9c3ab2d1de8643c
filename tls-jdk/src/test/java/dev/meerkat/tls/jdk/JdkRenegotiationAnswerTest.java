package dev.meerkat.tls.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.conformance.RenegotiationAnswer;
import org.junit.jupiter.api.Test;

/** SunJSSE cannot decline a server's renegotiation: it answers with a ClientHello (see JdkTlsEngine). */
class JdkRenegotiationAnswerTest {

    @Test
    void answerToServerRenegotiation() throws Exception {
        assertThat(RenegotiationAnswer.ofProvider("jdk")).isEqualTo(RenegotiationAnswer.CLIENT_HELLO);
    }
}
