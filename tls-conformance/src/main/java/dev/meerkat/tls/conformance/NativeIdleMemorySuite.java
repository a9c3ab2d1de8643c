package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.spi.TlsEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Native memory of idle connections (docs/server-benchmarks.md, idle-memory mode): 2,000 engine
 * pairs handshake, exchange a small request and a 64 KiB response, and stay open. With the heap
 * fixed and pre-touched (-Xms = -Xmx, -XX:+AlwaysPreTouch), the growth of resident memory (VmRSS)
 * is what the library holds per pair, plus allocator slack. A backend module subclasses it with its
 * provider and the bound its library's design allows.
 */
public abstract class NativeIdleMemorySuite {

    private static final int PAIRS = 2_000;
    private static final int WARM_UP = 500;
    private static final int REQUEST_SIZE = 100;
    private static final int RESPONSE_SIZE = 64 * 1024;

    /** For subclasses: a backend names its provider and its bound in a few lines. */
    protected NativeIdleMemorySuite() {
    }

    /** {@return the provider under test} It must be available. */
    protected abstract String providerName();

    /** {@return the most resident memory one idle client-server pair may hold, in bytes} */
    protected abstract long maxBytesPerPair();

    /** Proves idle engine pairs hold no more native memory each than {@link #maxBytesPerPair()}. */
    @Test
    public void idlePairsHoldLittleNativeMemory() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            TestPki pki = TestPki.get();
            TlsProvider provider = TlsProviders.named(providerName());
            TlsConfig clientConfig = pki.clientConfig().build();
            TlsConfig serverConfig = pki.serverConfig(pki.server()).build();
            try (TlsContext client = provider.newContext(clientConfig);
                 TlsContext server = provider.newContext(serverConfig)) {
                closeAll(openIdlePairs(client, server, WARM_UP));
                long before = ResidentMemory.bytes();
                List<TlsEngine> idle = openIdlePairs(client, server, PAIRS);
                long after = ResidentMemory.bytes();
                closeAll(idle);
                long perPair = (after - before) / PAIRS;
                System.out.printf("%s idle memory: VmRSS grew %d KiB for %d idle pairs, %d bytes a pair%n",
                        providerName(), (after - before) / 1024, PAIRS, perPair);
                assertThat(perPair).as("VmRSS growth in bytes per idle engine pair").isLessThan(maxBytesPerPair());
            }
        });
    }

    /** Handshaken pairs after one request and response, both engines of each kept open. */
    private static List<TlsEngine> openIdlePairs(TlsContext client, TlsContext server, int count) throws TlsException {
        List<TlsEngine> engines = new ArrayList<>(2 * count);
        for (int i = 0; i < count; i++) {
            // The pair's own buffers are garbage once its engines are idle; only the engines stay.
            EnginePair pair = EnginePair.on(client, server).handshake();
            engines.add(pair.client.engine);
            engines.add(pair.server.engine);
            pair.client.send(Payload.random(REQUEST_SIZE, i).bytes());
            pair.pumpUntilReceived(0, REQUEST_SIZE);
            pair.server.send(Payload.random(RESPONSE_SIZE, i).bytes());
            pair.pumpUntilReceived(RESPONSE_SIZE, REQUEST_SIZE);
            assertThat(pair.client.engine.wantsWrap() || pair.server.engine.wantsWrap()).as("engines idle").isFalse();
        }
        return engines;
    }

    private static void closeAll(List<TlsEngine> engines) {
        engines.forEach(TlsEngine::close);
    }
}
