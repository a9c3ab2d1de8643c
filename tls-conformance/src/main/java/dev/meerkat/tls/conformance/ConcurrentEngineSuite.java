package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link TlsContext} is thread-safe: a user may share one client context and one server context
 * across several Managers, each on its own thread, one engine per connection. Here {@link #THREADS}
 * threads drive engines of the same shared contexts at once, in memory ({@link EnginePair}), with
 * what a busy process mixes in: resumed sessions (every connection goes to the same host and port),
 * SNI certificate switching, rejected handshakes and connections dropped mid-handshake, and the
 * contexts closed while engines are still open. Every transfer is checked by SHA-256 and every
 * failure by its kind. A backend module subclasses it in a few lines:
 *
 * <pre>{@code
 * class JdkConcurrencyTest extends ConcurrentEngineSuite {
 *     @Override protected String providerName() { return "jdk"; }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConcurrentEngineSuite {

    private static final int THREADS = 4;
    /** The number of the extra thread that closes the contexts while the others work. */
    private static final int CLOSER = THREADS;
    private static final int CONNECTIONS_PER_THREAD = 200;
    private static final int PAIRS_PER_THREAD = 6;
    private static final int LARGEST_PAYLOAD = 40_000;
    private static final Duration TIME_LIMIT = Duration.ofMinutes(4);
    private static final long BARRIER_SECONDS = 60;
    /** The server holds key material for this name: a client asking for it gets {@link TestPki#wrongHost()}. */
    private static final String SNI_HOST = "wrong.example";
    /** No certificate carries this name: the server presents its default, which the client rejects. */
    private static final String UNKNOWN_HOST = "unknown.example";

    /** What one connection of a thread does, by its number. */
    private enum Plan { TRANSFER, SNI_TRANSFER, HOSTNAME_MISMATCH, ABANDONED }

    /** For subclasses: a backend names its provider in a few lines. */
    protected ConcurrentEngineSuite() {
    }

    /**
     * The provider under test, as client and server. It must be available: an unavailable provider
     * fails, it does not skip.
     *
     * @return the provider's name, as {@link dev.meerkat.tls.TlsProviders#named} takes it
     */
    protected abstract String providerName();

    /**
     * Whether the provider resumes TLS 1.3 sessions (from NewSessionTicket); every provider resumes
     * TLS 1.2.
     *
     * @return true, unless a subclass says its provider does not; then TLS 1.3 resumption is not
     *     asserted
     */
    protected boolean resumesTls13Sessions() {
        return true;
    }

    /**
     * Proves 4 threads can run 200 connections each on one shared client context and one shared
     * server context: every transfer arrives intact, SNI picks the right certificate, each rejected
     * or abandoned handshake fails only itself with the expected kind, sessions resume (TLS 1.2
     * always, TLS 1.3 when {@link #resumesTls13Sessions()}), and the closed contexts refuse new
     * engines.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when the contexts cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void sharedContextsCarryConcurrentConnectionsWithResumptionAndFailures(TlsVersion version)
            throws TlsException {
        Contexts contexts = Contexts.open(new Pairing(providerName(), providerName(), version));
        AtomicInteger transfers = new AtomicInteger();
        AtomicInteger resumed = new AtomicInteger();
        try {
            runOnThreads(THREADS, thread -> {
                for (int i = 0; i < CONNECTIONS_PER_THREAD; i++) {
                    connect(contexts, planOf(i), thread * 1_000_000L + i, resumed);
                    transfers.incrementAndGet();
                }
            });
        } finally {
            contexts.close();
        }
        assertThat(transfers).as("connections that ran their plan").hasValue(THREADS * CONNECTIONS_PER_THREAD);
        if (version == TlsVersion.TLS_1_2 || resumesTls13Sessions()) {
            assertThat(resumed.get()).as("resumed connections to the one host:port").isPositive();
        }
        assertRefusesNewEngines(contexts);
    }

    /**
     * Engines made before their contexts close keep working (BaseTlsContext's promise): some finish
     * while another thread closes the contexts, the rest only afterwards, among them SNI handshakes
     * that pick the server's certificate after the close.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when the contexts cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void enginesStillOpenWhenTheContextsCloseFinishTheirWork(TlsVersion version) throws TlsException {
        Contexts contexts = Contexts.open(new Pairing(providerName(), providerName(), version));
        CyclicBarrier opened = new CyclicBarrier(THREADS + 1);
        CyclicBarrier closed = new CyclicBarrier(THREADS + 1);
        try {
            runOnThreads(THREADS + 1, thread -> {
                if (thread == CLOSER) {
                    await(opened);
                    contexts.close();
                    await(closed);
                    return;
                }
                finishAcrossTheClose(contexts, thread, opened, closed);
            });
        } finally {
            contexts.close();
        }
        assertRefusesNewEngines(contexts);
    }

    /**
     * A context closed while threads are making engines refuses the later ones, and only with
     * IllegalStateException.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when the contexts cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void closingWhileThreadsMakeEnginesRefusesOnlyTheLaterOnes(TlsVersion version) throws TlsException {
        Contexts contexts = Contexts.open(new Pairing(providerName(), providerName(), version));
        CountDownLatch warmedUp = new CountDownLatch(THREADS);
        try {
            runOnThreads(THREADS + 1, thread -> {
                if (thread == CLOSER) {
                    assertThat(warmedUp.await(BARRIER_SECONDS, TimeUnit.SECONDS)).as("threads warmed up").isTrue();
                    contexts.close();
                    return;
                }
                connectUntilRefused(contexts, thread, warmedUp);
            });
        } finally {
            contexts.close();
        }
        assertRefusesNewEngines(contexts);
    }

    private static Plan planOf(int connection) {
        return switch (connection % 10) {
            case 3, 7 -> Plan.SNI_TRANSFER;
            case 5 -> Plan.HOSTNAME_MISMATCH;
            case 9 -> Plan.ABANDONED;
            default -> Plan.TRANSFER;
        };
    }

    private static void connect(Contexts contexts, Plan plan, long seed, AtomicInteger resumed) throws TlsException {
        String what = plan + " connection " + seed;
        TestPki pki = TestPki.get();
        switch (plan) {
            case TRANSFER -> {
                try (EnginePair pair = EnginePair.on(contexts.client(), contexts.server())) {
                    carryPayloads(pair, pki.server(), seed, what);
                    resumed.addAndGet(pair.client.engine.session().resumed() ? 1 : 0);
                }
            }
            case SNI_TRANSFER -> {
                try (EnginePair pair = EnginePair.on(contexts.sniClient(), contexts.server())) {
                    carryPayloads(pair, pki.wrongHost(), seed, what);
                }
            }
            case HOSTNAME_MISMATCH -> rejectUnknownHost(contexts, what);
            case ABANDONED -> abandonMidHandshake(contexts, what);
        }
    }

    /** Handshake, then a payload each way whose SHA-256 must arrive intact. */
    private static void carryPayloads(EnginePair pair, KeyMaterial expectedServer, long seed, String what)
            throws TlsException {
        pair.handshake();
        assertThat(pair.client.engine.session().peerCertificates().get(0)).as("server leaf of %s", what)
                .isEqualTo(expectedServer.leaf());
        Payload up = Payload.random(sizeOf(seed), seed);
        Payload down = Payload.random(sizeOf(seed + 1), ~seed);
        pair.client.send(up.bytes());
        pair.server.send(down.bytes());
        pair.pumpUntilReceived(down.length(), up.length());
        assertThat(pair.server.receivedSha256()).as("bytes the server of %s received", what).isEqualTo(up.sha256());
        assertThat(pair.client.receivedSha256()).as("bytes the client of %s received", what).isEqualTo(down.sha256());
    }

    private static int sizeOf(long seed) {
        return 1 + (int) Math.floorMod(seed * 7_919, LARGEST_PAYLOAD);
    }

    private static void rejectUnknownHost(Contexts contexts, String what) throws TlsException {
        try (EnginePair pair = EnginePair.on(contexts.mismatchClient(), contexts.server()).pumpExpectingFailure()) {
            assertThat(pair.client.failure).as("client failure of %s", what).isNotNull();
            assertThat(pair.client.failure.kind()).as("client failure of %s", what)
                    .isEqualTo(TlsException.Kind.HOSTNAME_MISMATCH);
            assertThat(pair.server.failure).as("server failure of %s", what).isNotNull();
            assertThat(pair.server.failure.kind()).as("server failure of %s", what)
                    .isEqualTo(TlsException.Kind.PEER_ALERT);
        }
    }

    /** The ClientHello and the server's first flight cross, then both engines close mid-handshake. */
    private static void abandonMidHandshake(Contexts contexts, String what) throws TlsException {
        try (EnginePair pair = EnginePair.on(contexts.client(), contexts.server())) {
            pair.client.flush();
            pair.server.receiveFrom(pair.client);
            pair.server.flush();
            assertThat(pair.client.engine.isHandshakeComplete()).as("client of %s", what).isFalse();
        }
    }

    /**
     * Opens pairs in three states (not started, mid-handshake, connected), lets the closer go, carries
     * the connected pairs' payloads while it closes the contexts, then everything else.
     */
    private static void finishAcrossTheClose(Contexts contexts, int thread, CyclicBarrier opened,
                                             CyclicBarrier closed) throws Exception {
        TestPki pki = TestPki.get();
        List<EnginePair> pairs = new ArrayList<>();
        try {
            for (int i = 0; i < PAIRS_PER_THREAD; i++) {
                pairs.add(EnginePair.on(i % 2 == 0 ? contexts.client() : contexts.sniClient(), contexts.server()));
                advance(pairs.get(i), i % 3);
            }
            await(opened);
            for (int i = 0; i < PAIRS_PER_THREAD; i++) {
                if (i % 3 == 2) {
                    carryPayloads(pairs.get(i), i % 2 == 0 ? pki.server() : pki.wrongHost(), seedOf(thread, i),
                            "connected pair " + i + " of thread " + thread + " during the close");
                }
            }
            await(closed);
            for (int i = 0; i < PAIRS_PER_THREAD; i++) {
                if (i % 3 != 2) {
                    carryPayloads(pairs.get(i), i % 2 == 0 ? pki.server() : pki.wrongHost(), seedOf(thread, i),
                            "stage " + i % 3 + " pair " + i + " of thread " + thread + " after the close");
                }
            }
        } finally {
            pairs.forEach(EnginePair::close);
        }
    }

    private static void advance(EnginePair pair, int stage) throws TlsException {
        if (stage == 1) {
            pair.client.flush();
            pair.server.receiveFrom(pair.client);
        } else if (stage == 2) {
            pair.handshake();
        }
    }

    private static long seedOf(int thread, int pair) {
        return thread * 1_000L + pair * 10L;
    }

    private static void connectUntilRefused(Contexts contexts, int thread, CountDownLatch warmedUp)
            throws TlsException {
        for (int i = 0; i < CONNECTIONS_PER_THREAD; i++) {
            EnginePair pair;
            try {
                pair = EnginePair.on(contexts.client(), contexts.server());
            } catch (IllegalStateException refused) {
                assertThat(refused).as("refusal of thread %d", thread).hasMessageContaining("closed");
                return;
            }
            try (pair) {
                carryPayloads(pair, TestPki.get().server(), seedOf(thread, i), "connection " + i + " of thread " + thread);
            }
            if (i == 2) {
                warmedUp.countDown();
            }
        }
        fail("expected thread %d's contexts to refuse a new engine within %d connections", thread,
                CONNECTIONS_PER_THREAD);
    }

    /** Closing again is harmless, and a closed context makes no engine. */
    private static void assertRefusesNewEngines(Contexts contexts) {
        contexts.close();
        for (TlsContext context : contexts.all()) {
            assertThatThrownBy(() -> context.newEngine(EnginePair.HOST, EnginePair.PORT))
                    .as("newEngine of a closed %s context", context.config().role())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    private static void await(CyclicBarrier barrier) throws Exception {
        barrier.await(BARRIER_SECONDS, TimeUnit.SECONDS);
    }

    /** Runs {@code body} on {@code threads} threads at once; fails with every thread's failure, within the limit. */
    private static void runOnThreads(int threads, ThreadBody body) {
        assertTimeoutPreemptively(TIME_LIMIT, () -> {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> results = new ArrayList<>();
                for (int thread = 0; thread < threads; thread++) {
                    int id = thread;
                    results.add(pool.submit(() -> {
                        body.run(id);
                        return null;
                    }));
                }
                rethrowFailures(results);
            } finally {
                pool.shutdownNow();
            }
        });
    }

    private static void rethrowFailures(List<Future<?>> results) throws InterruptedException {
        AssertionError failures = null;
        for (int thread = 0; thread < results.size(); thread++) {
            try {
                results.get(thread).get();
            } catch (ExecutionException e) {
                AssertionError failure = new AssertionError("thread " + thread + " failed: " + e.getCause(), e.getCause());
                if (failures == null) {
                    failures = failure;
                } else {
                    failures.addSuppressed(failure);
                }
            }
        }
        if (failures != null) {
            throw failures;
        }
    }

    /** The work of one thread, numbered from 0. */
    private interface ThreadBody {
        void run(int thread) throws Exception;
    }

    /**
     * The contexts every thread shares: the client, a client asking for {@link #SNI_HOST}, a client
     * asking for {@link #UNKNOWN_HOST}, and the server with SNI key material for {@link #SNI_HOST}.
     */
    private record Contexts(TlsContext client, TlsContext sniClient, TlsContext mismatchClient, TlsContext server) {

        static Contexts open(Pairing pairing) throws TlsException {
            TestPki pki = TestPki.get();
            List<TlsContext> opened = new ArrayList<>();
            try {
                opened.add(pairing.clientContext(pki.clientConfig()));
                opened.add(pairing.clientContext(pki.clientConfig().serverName(SNI_HOST)));
                opened.add(pairing.clientContext(pki.clientConfig().serverName(UNKNOWN_HOST)));
                TlsConfig.Builder server = pki.serverConfig(pki.server()).sniKeyMaterial(SNI_HOST, pki.wrongHost());
                opened.add(pairing.serverContext(server));
                return new Contexts(opened.get(0), opened.get(1), opened.get(2), opened.get(3));
            } catch (TlsException | RuntimeException e) {
                opened.forEach(TlsContext::close);
                throw e;
            }
        }

        List<TlsContext> all() {
            return List.of(client, sniClient, mismatchClient, server);
        }

        void close() {
            all().forEach(TlsContext::close);
        }
    }
}
