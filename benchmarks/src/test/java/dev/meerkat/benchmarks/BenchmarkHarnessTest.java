package dev.meerkat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.internal.ByteQueueBenchmark;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each benchmark body a few times outside JMH, for every provider and version the suites
 * measure, so that a broken harness or provider fails the build instead of a ten-minute run.
 * Times nothing.
 */
class BenchmarkHarnessTest {

    /** Every pair Main runs: each every-version provider at each version, each TLS-1.2-only one at 1.2. */
    static Stream<Arguments> providerAndVersion() {
        ProviderSplit split = ProviderSplit.of(Main.PROVIDERS);
        return Stream.of(TlsVersion.values()).flatMap(v -> split.offering(v).stream().map(p -> Arguments.of(p, v)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providerAndVersion")
    void deliversTheWholePayloadEveryOperation(String provider, TlsVersion version) throws TlsException {
        EnginePairThroughput benchmark = throughputSuite(provider, version);
        benchmark.payloadBytes = 65536;
        benchmark.connect();
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(benchmark.clientWrapsServerUnwraps()).isEqualTo(65536);
            }
        } finally {
            benchmark.disconnect();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providerAndVersion")
    void completesFullHandshakesWithThePinnedSuite(String provider, TlsVersion version) throws TlsException {
        EnginePairHandshake benchmark = handshakeSuite(provider, version);
        benchmark.openContexts();
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(benchmark.fullHandshake())
                        .satisfies(s -> assertThat(s.version()).isEqualTo(version))
                        .satisfies(s -> assertThat(s.cipherSuite()).isEqualTo(ContextPair.suiteFor(version)))
                        .satisfies(s -> assertThat(s.resumed()).isFalse());
            }
        } finally {
            benchmark.closeContexts();
        }
    }

    @Test
    void providersWithoutTls13GetTheirOwnSuitesOnly() {
        ProviderSplit split = ProviderSplit.of(Main.PROVIDERS);
        assertThat(split.tls12Only()).containsExactly("mbedtls");
        assertThat(split.everyVersion()).containsExactly("jdk", "bc", "openssl", "openssl-jna");
        assertThat(split.offering(TlsVersion.TLS_1_3)).doesNotContain("mbedtls");
        assertThat(ProviderSplit.of(List.of("no-such-provider")).everyVersion()).containsExactly("no-such-provider");
    }

    /** The suite Main runs the pair in, with the fields JMH would set. */
    private static EnginePairThroughput throughputSuite(String provider, TlsVersion version) {
        if (ProviderSplit.of(List.of(provider)).tls12Only().isEmpty()) {
            EngineThroughputBenchmark suite = new EngineThroughputBenchmark();
            suite.provider = provider;
            suite.version = version;
            return suite;
        }
        Tls12OnlyThroughputBenchmark suite = new Tls12OnlyThroughputBenchmark();
        suite.tls12OnlyProvider = provider;
        return suite;
    }

    private static EnginePairHandshake handshakeSuite(String provider, TlsVersion version) {
        if (ProviderSplit.of(List.of(provider)).tls12Only().isEmpty()) {
            HandshakeBenchmark suite = new HandshakeBenchmark();
            suite.provider = provider;
            suite.version = version;
            return suite;
        }
        Tls12OnlyHandshakeBenchmark suite = new Tls12OnlyHandshakeBenchmark();
        suite.tls12OnlyProvider = provider;
        return suite;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TlsVersion.class)
    void bcOwnCryptoDeliversTheWholePayloadAndHandshakesWithThePinnedSuite(TlsVersion version) throws TlsException {
        BcCryptoThroughputBenchmark bulk = new BcCryptoThroughputBenchmark();
        bulk.version = version;
        bulk.payloadBytes = 65536;
        bulk.connect();
        try {
            assertThat(bulk.clientWrapsServerUnwraps()).isEqualTo(65536);
        } finally {
            bulk.disconnect();
        }
        BcCryptoHandshakeBenchmark handshake = new BcCryptoHandshakeBenchmark();
        handshake.version = version;
        handshake.openContexts();
        try {
            assertThat(handshake.fullHandshake())
                    .satisfies(s -> assertThat(s.cipherSuite()).isEqualTo(ContextPair.suiteFor(version)))
                    .satisfies(s -> assertThat(s.resumed()).isFalse());
        } finally {
            handshake.closeContexts();
        }
    }

    @Test
    void anchorOpensWhatItSealed() throws Exception {
        AesGcmAnchorBenchmark benchmark = new AesGcmAnchorBenchmark();
        benchmark.payloadBytes = 65536;
        benchmark.createCiphers();
        assertThat(benchmark.sealAndOpenRecords()).isEqualTo(65536);
        assertThat(benchmark.sealAndOpenRecords()).isEqualTo(65536);
    }

    /** Both bodies read every 64-byte message of the same bytes, so their sums agree. */
    @Test
    void byteQueueHandsOutTheMessagesItsAnchorReads() {
        ByteQueueBenchmark benchmark = new ByteQueueBenchmark();
        benchmark.queuedBytes = 65536;
        benchmark.fill();
        int expected = benchmark.consumeMessagesFromPlainBuffer();
        assertThat(benchmark.consumeMessagesFromByteQueue()).isEqualTo(expected);
        assertThat(benchmark.consumeMessagesFromByteQueue()).isEqualTo(expected);
    }

    @Test
    void socketWritesDeliverTheWholeQueue() throws Exception {
        SocketWriteBenchmark benchmark = new SocketWriteBenchmark();
        benchmark.queuedBytes = 1 << 20;
        benchmark.chunkBytes = 65536;
        benchmark.socketBufferBytes = 65536;
        benchmark.connect();
        try {
            assertThat(benchmark.heapWrites()).isEqualTo(1 << 20);
            assertThat(benchmark.chunkedWrites()).isEqualTo(1 << 20);
        } finally {
            benchmark.disconnect();
        }
    }

    @Test
    void unknownProviderFailsWithTheRegistrysReason() {
        EngineThroughputBenchmark benchmark = new EngineThroughputBenchmark();
        benchmark.provider = "no-such-provider";
        benchmark.version = TlsVersion.TLS_1_3;
        benchmark.payloadBytes = 65536;
        assertThatThrownBy(benchmark::connect).isInstanceOf(TlsException.class)
                .hasMessageContaining("no TLS provider named 'no-such-provider'");
    }

    @Test
    void summaryGivesTheRegistrysReasonForAMissingProvider() {
        assertThat(Summary.whyMissing("no-such-provider"))
                .startsWith("UNAVAILABLE: no TLS provider named 'no-such-provider'; found: ");
        assertThat(Summary.whyMissing("jdk")).isEqualTo("the benchmark failed, see the run log");
    }

    @Test
    void summarySaysSoWhenNothingRan() {
        assertThat(new Summary(ProviderSplit.of(List.of("jdk")), List.of()).markdown())
                .isEqualTo("No benchmark produced a result; see the run log.\n");
    }
}
