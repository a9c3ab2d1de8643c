package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.spi.BaseTlsProvider;
import dev.meerkat.tls.spi.PolicyEnforcement;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The key log is opt-in: a config names the file, or lets SSLKEYLOGFILE name it. */
class KeyLogConfigTest {

    @Test
    void offByDefault() {
        assertThat(TlsConfig.client().build().keyLogFile()).isNull();
    }

    @Test
    void theEnvironmentNamesTheFileOnlyWhenSet() {
        assertThat(TlsConfig.client().keyLogFrom(null).build().keyLogFile()).isNull();
        assertThat(TlsConfig.client().keyLogFrom(" ").build().keyLogFile()).isNull();
        assertThat(TlsConfig.client().keyLogFrom("/tmp/k.log").build().keyLogFile()).isEqualTo(Path.of("/tmp/k.log"));
    }

    @Test
    void aProviderThatCannotRefusesWithItsReason() {
        TlsConfig config = TlsConfig.client().keyLog(Path.of("never-written.log")).build();
        assertThatThrownBy(() -> new SilentProvider().newContext(config))
                .isInstanceOfSatisfying(TlsException.class, e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.CONFIGURATION))
                .hasMessageContaining("'silent' cannot write the key log never-written.log")
                .hasMessageContaining("provider silent does not say that it writes key logs");
        assertThat(Path.of("never-written.log")).doesNotExist();
    }

    /** A provider that says nothing about key logs, so the default answer applies. */
    private static final class SilentProvider extends BaseTlsProvider {
        SilentProvider() {
            super("silent", 0, new Capabilities(EnumSet.allOf(TlsVersion.class), true, true, true, true));
        }

        @Override
        public Availability availability() {
            return Availability.available("none");
        }

        @Override
        public PolicyEnforcement policy() {
            return PolicyEnforcement.full();
        }

        @Override
        protected TlsContext openContext(TlsConfig config) {
            throw new AssertionError("a refused config makes no context");
        }
    }
}
