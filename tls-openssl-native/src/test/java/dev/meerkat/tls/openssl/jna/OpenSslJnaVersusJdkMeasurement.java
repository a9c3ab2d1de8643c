package dev.meerkat.tls.openssl.jna;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsEngine;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Payload;
import dev.meerkat.tls.conformance.TestPki;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Side-by-side numbers for docs/openssl-jna-measurements.md: full handshakes and bulk throughput of
 * in-memory engine pairs, each provider with itself, in one JVM and one run, rounds interleaved so
 * that machine noise hits every provider alike. Both ends run on the calling thread, so a figure
 * covers client plus server work. Buffers are heap buffers, as the core's queues are. Not a test:
 * no timed assertions; run it by hand (the command is in the measurements document).
 *
 * <p>Arguments (optional): handshakes per measurement, MiB per throughput measurement, rounds,
 * comma-separated providers (default "openssl-jna,jdk").
 */
public final class OpenSslJnaVersusJdkMeasurement {

    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0);
    private static final int BATCHES = 5;
    private static final int WRITE_SIZE = 64 * 1024;

    private OpenSslJnaVersusJdkMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int handshakes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int mebibytes = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> providers = List.of((args.length > 3 ? args[3] : "openssl-jna,jdk").split(","));
        System.out.println("java " + System.getProperty("java.version") + ", "
                + TlsProviders.named(OpenSslJnaProvider.NAME).availability().library());
        for (TlsVersion version : TlsVersion.values()) {
            for (int round = 1; round <= rounds; round++) {
                for (String provider : providers) {
                    double micros = handshakeMicros(provider, version, handshakes);
                    double mbPerSecond = throughput(provider, version, mebibytes);
                    System.out.printf("%s %-11s round %d: handshake %7.1f us (client+server), bulk %6.0f MB/s%n",
                            version.protocolName(), provider, round, micros, mbPerSecond);
                }
            }
        }
    }

    private static TlsContext[] contexts(String provider, TlsVersion version) throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(version).build();
        TlsConfig server = pki.serverConfig(pki.server()).versions(version).build();
        return new TlsContext[] {TlsProviders.named(provider).newContext(client),
                TlsProviders.named(provider).newContext(server)};
    }

    /** Median over batches of the mean time of one full handshake (no resumption: a new client context each). */
    private static double handshakeMicros(String provider, TlsVersion version, int count) throws Exception {
        double[] batches = new double[BATCHES];
        for (int batch = 0; batch < BATCHES; batch++) {
            TlsContext[] contexts = contexts(provider, version);
            Wire wire = new Wire();
            try {
                long start = System.nanoTime();
                for (int i = 0; i < count / BATCHES; i++) {
                    try (TlsEngine client = contexts[0].newEngine(EnginePair.HOST, EnginePair.PORT + i);
                         TlsEngine server = contexts[1].newEngine(null, 0)) {
                        wire.handshake(client, server);
                    }
                }
                batches[batch] = (System.nanoTime() - start) / 1e3 / (count / BATCHES);
            } finally {
                contexts[0].close();
                contexts[1].close();
            }
        }
        Arrays.sort(batches);
        return batches[BATCHES / 2];
    }

    /** Payload MB/s, client to server, after a warm-up of a tenth of the volume. */
    private static double throughput(String provider, TlsVersion version, int mebibytes) throws Exception {
        TlsContext[] contexts = contexts(provider, version);
        Wire wire = new Wire();
        try (TlsEngine client = contexts[0].newEngine(EnginePair.HOST, EnginePair.PORT);
             TlsEngine server = contexts[1].newEngine(null, 0)) {
            wire.handshake(client, server);
            byte[] payload = Payload.random(WRITE_SIZE, 7).bytes();
            long total = (long) mebibytes << 20;
            wire.send(client, server, payload, total / 10);
            long start = System.nanoTime();
            wire.send(client, server, payload, total);
            return total / ((System.nanoTime() - start) / 1e9) / 1e6;
        } finally {
            contexts[0].close();
            contexts[1].close();
        }
    }

    /** Reusable buffers between two engines, and the loops that move bytes through them. */
    private static final class Wire {
        final ByteBuffer toServer = ByteBuffer.allocate(256 * 1024);
        final ByteBuffer toClient = ByteBuffer.allocate(256 * 1024);
        final ByteBuffer plaintext = ByteBuffer.allocate(64 * 1024);
        long received;

        void handshake(TlsEngine client, TlsEngine server) throws Exception {
            toServer.clear();
            toClient.clear();
            for (int round = 0; round < 20; round++) {
                wrapAll(client, NO_DATA, toServer);
                unwrapAll(server, toServer);
                wrapAll(server, NO_DATA, toClient);
                unwrapAll(client, toClient);
                if (client.isHandshakeComplete() && server.isHandshakeComplete()
                        && !client.wantsWrap() && !server.wantsWrap()) {
                    return;
                }
            }
            throw new IllegalStateException("expected the handshake to complete within 20 rounds");
        }

        void send(TlsEngine client, TlsEngine server, byte[] payload, long total) throws Exception {
            received = 0;
            while (received < total) {
                ByteBuffer data = ByteBuffer.wrap(payload);
                while (data.hasRemaining()) {
                    wrapAll(client, data, toServer);
                    unwrapAll(server, toServer);
                }
            }
        }

        private static void wrapAll(TlsEngine engine, ByteBuffer in, ByteBuffer out) throws Exception {
            for (int step = 0; step < 1_000; step++) {
                boolean data = engine.isHandshakeComplete() && in.hasRemaining();
                if ((!data && !engine.wantsWrap()) || !engine.wrap(in, out).madeProgress()) {
                    return;
                }
            }
        }

        private void unwrapAll(TlsEngine engine, ByteBuffer in) throws Exception {
            in.flip();
            for (int step = 0; step < 10_000; step++) {
                plaintext.clear();
                boolean progress = engine.unwrap(in, plaintext).madeProgress();
                received += plaintext.position();
                if (!progress) {
                    break;
                }
            }
            in.compact();
        }
    }
}
