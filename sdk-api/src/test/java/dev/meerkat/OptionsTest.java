package dev.meerkat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAreWhatTheJavadocSays() {
        Options options = Options.defaults();
        assertThat(options.tls()).isNull();
        assertThat(options.receiveLimit()).isEqualTo(256 * 1024);
        assertThat(options.sendLimit()).isEqualTo(1024 * 1024);
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.handshakeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.writeLowWatermark()).isEqualTo(32 * 1024);
        assertThat(options.writeHighWatermark()).isEqualTo(64 * 1024);
    }

    @Test
    void withersReturnNewOptionsAndLeaveTheOriginalAlone() {
        Options defaults = Options.defaults();
        Options changed = defaults.withReceiveLimit(10).withSendLimit(20).withIdleTimeout(Duration.ZERO)
                .withHandshakeTimeout(Duration.ofSeconds(1)).withWriteWatermarks(3, 4);
        assertThat(changed).isNotSameAs(defaults);
        assertThat(defaults).isEqualTo(Options.defaults());
        assertThat(List.of(changed.receiveLimit(), changed.sendLimit(), changed.writeLowWatermark(),
                changed.writeHighWatermark())).containsExactly(10, 20, 3, 4);
        assertThat(changed.idleTimeout()).isEqualTo(Duration.ZERO);
        assertThat(changed.handshakeTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void builderAndWithersAgree() {
        Options built = Options.builder().receiveLimit(10).sendLimit(20).idleTimeout(Duration.ZERO)
                .handshakeTimeout(Duration.ofSeconds(1)).writeWatermarks(3, 4).build();
        Options withered = Options.defaults().withReceiveLimit(10).withSendLimit(20)
                .withIdleTimeout(Duration.ZERO).withHandshakeTimeout(Duration.ofSeconds(1))
                .withWriteWatermarks(3, 4);
        assertThat(built).isEqualTo(withered).hasSameHashCodeAs(withered);
        assertThat(built.toBuilder().build()).isEqualTo(built);
        assertThat(Options.builder().build()).isEqualTo(Options.defaults());
    }

    @Test
    void equalsSeesEveryField() {
        Options defaults = Options.defaults();
        assertThat(List.of(defaults.withReceiveLimit(1), defaults.withSendLimit(1),
                defaults.withIdleTimeout(Duration.ZERO), defaults.withHandshakeTimeout(Duration.ZERO),
                defaults.withWriteWatermarks(0, 64 * 1024), defaults.withWriteWatermarks(32 * 1024, 32 * 1024)))
                .allSatisfy(changed -> assertThat(changed).isNotEqualTo(defaults));
    }

    @Test
    void toStringNamesEveryField() {
        assertThat(Options.defaults().withReceiveLimit(7)).hasToString("Options[tls=null, receiveLimit=7, "
                + "sendLimit=1048576, idleTimeout=PT5M, handshakeTimeout=PT30S, writeLowWatermark=32768, "
                + "writeHighWatermark=65536]");
    }

    @Test
    void rejectsBadSettingsSayingWhatWasExpected() {
        assertThatThrownBy(() -> Options.defaults().withReceiveLimit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limits must be positive but were receive=0 send=1048576");
        assertThatThrownBy(() -> Options.builder().writeWatermarks(5, 4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 0 <= low <= high write watermarks but were low=5 high=4");
        assertThatThrownBy(() -> Options.defaults().withIdleTimeout(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("idleTimeout");
    }
}
