package dev.meerkat.tls.mbedtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.conformance.RenegotiationAnswer;
import org.junit.jupiter.api.Test;

/** MbedTLS declines a server's renegotiation with a no_renegotiation warning (MBEDTLS_SSL_RENEGOTIATION_DISABLED). */
class MbedTlsRenegotiationAnswerTest {

    @Test
    void declinesServerRenegotiation() throws Exception {
        assertThat(RenegotiationAnswer.ofProvider(MbedTlsProvider.NAME))
                .isEqualTo(RenegotiationAnswer.NO_RENEGOTIATION_WARNING);
    }
}
