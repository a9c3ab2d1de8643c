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
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every native object of a provider over a native library is freed: 100,000 engine pairs are opened
 * and closed (every 100th one handshakes and moves data, every 1000th is closed mid-handshake; a
 * full handshake each would take minutes on two cores), and 2,000 context pairs are made and
 * closed. After a warm-up the work runs in nine equal rounds and resident memory (VmRSS) is sampled
 * after each. A leak grows memory in every round; the JVM's own native memory (JIT arenas, a
 * malloc arena for a new thread) grows it in a jump now and then, by up to 17 MiB in one CI run
 * with no leak at all. So the bound is on the median growth of a round: a leak of even one small
 * native object per pair exceeds it, a jump does not. The JVM's heap should be fixed and
 * pre-touched (-Xms = -Xmx, -XX:+AlwaysPreTouch) so that heap growth stays out of the figure; NMT
 * does not see the library's allocations. A backend module subclasses it in a few lines.
 */
public abstract class NativeLeakSuite {

    private static final int PAIRS = 100_000;
    private static final int WARM_UP = 10_000;
    private static final int HANDSHAKE_EVERY = 100;
    private static final int CONTEXT_PAIRS = 2_000;
    private static final int ROUNDS = 9;
    /** 1 MiB over a round's 10,000 pairs is about 100 bytes a pair; one leaked connection is several KiB. */
    private static final long MAX_MEDIAN_ROUND_GROWTH_KIB = 1024;
    /** A backstop for a leak that grows in only some rounds: 64 MiB over 90,000 pairs. */
    private static final long MAX_TOTAL_GROWTH_KIB = 64 * 1024;

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
            long[] rssKib = new long[ROUNDS + 1];
            int roundPairs = (PAIRS - WARM_UP) / ROUNDS;
            try (TlsContext client = provider.newContext(clientConfig);
                 TlsContext server = provider.newContext(serverConfig)) {
                cyclePairs(client, server, 0, WARM_UP);
                cycleContexts(provider, clientConfig, serverConfig, CONTEXT_PAIRS / 10);
                rssKib[0] = ResidentMemory.bytes() / 1024;
                for (int round = 1; round <= ROUNDS; round++) {
                    int from = WARM_UP + (round - 1) * roundPairs;
                    cyclePairs(client, server, from, from + roundPairs);
                    cycleContexts(provider, clientConfig, serverConfig, CONTEXT_PAIRS / ROUNDS);
                    rssKib[round] = ResidentMemory.bytes() / 1024;
                }
            }
            long[] growth = new long[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                growth[round] = rssKib[round + 1] - rssKib[round];
            }
            long total = rssKib[ROUNDS] - rssKib[0];
            long median = Arrays.stream(growth).sorted().toArray()[ROUNDS / 2];
            System.out.printf("%s leak test: VmRSS %d KiB after warm-up, growth per round of %d pairs %s KiB"
                    + " (median %d, total %d KiB)%n", providerName(), rssKib[0], roundPairs,
                    Arrays.toString(growth), median, total);
            assertThat(registeredEngines()).as("engines still registered").isZero();
            assertThat(median).as("median VmRSS growth in KiB of a round of %d pairs, rounds %s",
                    roundPairs, Arrays.toString(growth)).isLessThan(MAX_MEDIAN_ROUND_GROWTH_KIB);
            assertThat(total).as("VmRSS growth in KiB after warm-up").isLessThan(MAX_TOTAL_GROWTH_KIB);
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
