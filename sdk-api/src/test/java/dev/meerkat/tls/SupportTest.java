package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What {@code meerkat providers} prints for a provider's optional features. */
class SupportTest {

    @Test
    void describesYesWithAndWithoutDetail() {
        assertThat(Support.yes().describe()).isEqualTo("yes");
        assertThat(Support.yes("BoringSSL (netty-tcnative)").describe()).isEqualTo("yes: BoringSSL (netty-tcnative)");
    }

    @Test
    void describesNoWithItsReason() {
        assertThat(Support.no("OpenSSL 3.0.13 has no ML-KEM").describe()).isEqualTo("no: OpenSSL 3.0.13 has no ML-KEM");
    }

    @Test
    void unavailableQuotesTheAvailabilityReason() {
        Support support = Support.unavailable(Availability.unavailable("libssl.so.3 not found"));

        assertThat(support.supported()).isFalse();
        assertThat(support.detail()).isEqualTo("the provider is unavailable (libssl.so.3 not found)");
    }

    @Test
    void unsupportedNeedsAReason() {
        assertThatThrownBy(() -> new Support(false, null)).isInstanceOf(NullPointerException.class);
    }
}
