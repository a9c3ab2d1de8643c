package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code meerkat providers} says per provider whether it offers X25519MLKEM768 first, or why not. */
class ProvidersHybridKeyExchangeTest {

    @Test
    void printsWhetherEachProviderOffersTheHybridAndWhyNot() {
        CommandRun run = CommandRun.of("providers");
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        String text = run.stdoutText();
        String section = text.substring(text.indexOf("Post-quantum key exchange"), text.indexOf("TLS policy"));
        for (TlsProvider provider : TlsProviders.all()) {
            assertThat(section).as("the post-quantum lines").containsPattern("(?m)^  " + provider.name() + " +"
                    + Pattern.quote(provider.hybridKeyExchange().describe()) + "$");
        }
        assertThat(section).contains("no: SunJSSE has no X25519MLKEM768");
    }
}
