package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.spi.TlsPolicy;
import dev.meerkat.tls.spi.TlsEngine;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every native object of a provider over a native library is freed: 100,000 engine pairs are opened
 * and closed (every 100th one handshakes and moves data, every 1000th is closed mid-handshake; a
 * full handshake each would take minutes on two cores), and 2,000 context pairs are made and
 * closed. Resident memory (VmRSS) is sampled after a warm-up and at the end: a leak of even one
 * small native object per pair would exceed the bound. The JVM's heap should be fixed and
 * pre-touched (-Xms = -Xmx, -XX:+AlwaysPreTouch) so that heap growth stays out of the figure;
 * NMT does not see the library's allocations. A backend module subclasses it in a few lines.
 */
public abstract class NativeLeakSuite {

    private static final int PAIRS = 100_000;
    private static final int WARM_UP = 10_000;
    private static final int HANDSHAKE_EVERY = 100;
    private static final int CONTEXT_PAIRS = 2_000;
    /** 16 MiB over 90,000 pairs is under 190 bytes a pair; one leaked connection is several KiB. */
    private static final long MAX_GROWTH_KIB = 16 * 1024;

    /** For subclasses: a backend names its provider in a few lines. */
    protected NativeLeakSuite() {
    }

    /** {@return the provider under test} It must be available. */
    protected abstract String providerName();

    /** {@return the engines the provider's native callbacks still know of: zero once every engine is closed} */
    protected abstract int registeredEngines();

    /** Proves resident memory stays within its bound over 100,000 engine pairs and 2,000 context pairs. */
    @Test
    public void freesEveryNativeObjectOfEnginesAndContexts() {
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            TestPki pki = TestPki.get();
            TlsConfig clientConfig = pki.clientConfig().build();
            TlsConfig serverConfig = pki.serverConfig(pki.server()).build();
            TlsProvider provider = TlsProviders.named(providerName());
            long warmRss;
            try (TlsContext client = provider.newContext(clientConfig);
                 TlsContext server = provider.newContext(serverConfig)) {
                cyclePairs(client, server, 0, WARM_UP);
                cycleContexts(provider, clientConfig, serverConfig, CONTEXT_PAIRS / 10);
                warmRss = ResidentMemory.bytes() / 1024;
                cyclePairs(client, server, WARM_UP, PAIRS);
                cycleContexts(provider, clientConfig, serverConfig, CONTEXT_PAIRS);
            }
            long endRss = ResidentMemory.bytes() / 1024;
            System.out.printf("%s leak test: VmRSS %d KiB after warm-up, %d KiB after %d pairs and %d contexts"
                    + " (growth %d KiB)%n", providerName(), warmRss, endRss, PAIRS, CONTEXT_PAIRS, endRss - warmRss);
            assertThat(registeredEngines()).as("engines still registered").isZero();
            assertThat(endRss - warmRss).as("VmRSS growth in KiB after warm-up").isLessThan(MAX_GROWTH_KIB);
        });
    }

    private static void cyclePairs(TlsContext client, TlsContext server, int from, int to) throws TlsException {
        ByteBuffer ciphertext = ByteBuffer.allocate(64 * 1024);
        ByteBuffer plaintext = ByteBuffer.allocate(TlsPolicy.MAX_PLAINTEXT);
        for (int i = from; i < to; i++) {
            if (i % HANDSHAKE_EVERY == 0) {
                handshakeAndSend(client, server, i);
                continue;
            }
            try (TlsEngine clientEngine = client.newEngine(EnginePair.HOST, EnginePair.PORT);
                 TlsEngine serverEngine = server.newEngine(null, 0)) {
                if (i % HANDSHAKE_EVERY == 1) {
                    // Leaves both in the middle of the handshake: ClientHello in, ServerHello pending.
                    clientEngine.wrap(ByteBuffer.allocate(0), ciphertext.clear());
                    serverEngine.unwrap(ciphertext.flip(), plaintext.clear());
                    assertThat(serverEngine.wantsWrap()).isTrue();
                }
            }
        }
    }

    private static void handshakeAndSend(TlsContext client, TlsContext server, int seed) throws TlsException {
        try (EnginePair pair = EnginePair.on(client, server).handshake()) {
            pair.client.send(Payload.random(20_000, seed).bytes());
            pair.pumpUntilQuiet();
            assertThat(pair.server.received.size()).isEqualTo(20_000);
        }
    }

    private static void cycleContexts(TlsProvider provider, TlsConfig clientConfig, TlsConfig serverConfig, int count)
            throws TlsException {
        for (int i = 0; i < count; i++) {
            provider.newContext(clientConfig).close();
            provider.newContext(serverConfig).close();
        }
    }
}
