package dev.meerkat.tls.openssl.jna;

import static dev.meerkat.tls.openssl.jna.OpenSslJnaEngineTest.JNA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Payload;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.spi.TlsEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Native memory of idle connections (docs/server-benchmarks.md, idle-memory mode): 2,000 engine
 * pairs handshake, exchange a small request and a 64 KiB response, and stay open. The heap is fixed
 * and pre-touched (surefire's argLine), so the growth of resident memory (VmRSS) is what OpenSSL
 * holds per pair, plus allocator slack. While each SSL kept its memory BIOs at the size they grew to
 * (a whole record each after the response) a pair held about 58 KB; with {@link MemoryBios}
 * releasing drained BIOs about 23 KB (and 26 KB before, 23 KB after, with a 1 KB response). The
 * bound sits between the two, with room for allocator and JIT noise.
 */
class OpenSslJnaIdleMemoryTest {

    private static final int PAIRS = 2_000;
    private static final int WARM_UP = 500;
    private static final int REQUEST_SIZE = 100;
    private static final int RESPONSE_SIZE = 64 * 1024;
    private static final long MAX_BYTES_PER_PAIR = 40 * 1024;

    @Test
    void idlePairsHoldLittleNativeMemory() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            TestPki pki = TestPki.get();
            TlsProvider provider = TlsProviders.named(JNA);
            TlsConfig clientConfig = pki.clientConfig().build();
            TlsConfig serverConfig = pki.serverConfig(pki.server()).build();
            try (TlsContext client = provider.newContext(clientConfig);
                 TlsContext server = provider.newContext(serverConfig)) {
                closeAll(openIdlePairs(client, server, WARM_UP));
                long before = residentBytes();
                List<TlsEngine> idle = openIdlePairs(client, server, PAIRS);
                long after = residentBytes();
                closeAll(idle);
                long perPair = (after - before) / PAIRS;
                System.out.printf("openssl-jna idle memory: VmRSS grew %d KiB for %d idle pairs, %d bytes a pair%n",
                        (after - before) / 1024, PAIRS, perPair);
                assertThat(perPair).as("VmRSS growth in bytes per idle engine pair").isLessThan(MAX_BYTES_PER_PAIR);
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

    private static long residentBytes() throws IOException {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("expected a VmRSS line in /proc/self/status but found none");
    }
}
