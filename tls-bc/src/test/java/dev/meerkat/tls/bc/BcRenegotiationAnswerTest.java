package dev.meerkat.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.conformance.RenegotiationAnswer;
import org.junit.jupiter.api.Test;

/** Bouncy Castle declines a server's renegotiation with a no_renegotiation warning (BcClient). */
class BcRenegotiationAnswerTest {

    @Test
    void declinesServerRenegotiation() throws Exception {
        assertThat(RenegotiationAnswer.ofProvider("bc")).isEqualTo(RenegotiationAnswer.NO_RENEGOTIATION_WARNING);
    }
}
