package dev.meerkat.tls.openssl;

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
 * Side-by-side numbers for docs/openssl-measurements.md: full and resumed handshakes and bulk
 * throughput of in-memory engine pairs, openssl-openssl next to jdk-jdk, in one JVM and one run.
 * Both ends run on the calling thread, so a figure covers client plus server work. Not a test: no
 * timed assertions; run it by hand (see the measurements document for the command).
 *
 * <p>Arguments (optional): handshakes per round, MiB per throughput round, rounds.
 */
public final class OpenSslVersusJdkMeasurement {

    private static final List<String> PROVIDERS = List.of("openssl", "jdk");

    private OpenSslVersusJdkMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int handshakes = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int mebibytes = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.println("java " + System.getProperty("java.version") + ", openssl: "
                + TlsProviders.named("openssl").availability().library());
        for (TlsVersion version : TlsVersion.values()) {
            for (int round = 1; round <= rounds; round++) {
                for (String provider : PROVIDERS) {
                    double full = handshakeMicros(provider, version, handshakes, false);
                    double resumed = handshakeMicros(provider, version, handshakes, true);
                    double mbPerSecond = throughput(provider, version, mebibytes);
                    System.out.printf("%s %-7s round %d: handshake full %7.1f us, resumed %7.1f us (client+server),"
                            + " bulk %6.0f MB/s%n", version.protocolName(), provider, round, full, resumed, mbPerSecond);
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

    /**
     * Mean time of one handshake, both ends, over {@code count} pairs (median of 5 batches). Both
     * providers' clients keep a session per "host:port": full handshakes go each to a port of its own
     * (at most 65,535), resumed ones to one port, with one server record so that TLS 1.3 tickets arrive.
     */
    private static double handshakeMicros(String provider, TlsVersion version, int count, boolean resume)
            throws Exception {
        TlsContext[] contexts = contexts(provider, version);
        byte[] ticketCarrier = {1};
        int port = 0;
        try {
            double[] batches = new double[5];
            for (int batch = 0; batch < batches.length; batch++) {
                long start = System.nanoTime();
                for (int i = 0; i < count / batches.length; i++) {
                    port = resume ? EnginePair.PORT : port + 1;
                    try (EnginePair pair = EnginePair.ofEngines(contexts[0].newEngine(EnginePair.HOST, port),
                            contexts[1].newEngine(null, 0))) {
                        pair.handshake();
                        pair.server.send(ticketCarrier);
                        pair.pumpUntilReceived(ticketCarrier.length, 0);
                    }
                }
                batches[batch] = (System.nanoTime() - start) / 1e3 / (count / batches.length);
            }
            Arrays.sort(batches);
            return batches[batches.length / 2];
        } finally {
            contexts[0].close();
            contexts[1].close();
        }
    }

    /** Payload MB/s (10^6 bytes) from client to server, 16 KiB application writes, heap buffers. */
    private static double throughput(String provider, TlsVersion version, int mebibytes) throws Exception {
        TlsContext[] contexts = contexts(provider, version);
        try (EnginePair pair = EnginePair.on(contexts[0], contexts[1]).handshake()) {
            TlsEngine sender = pair.client.engine;
            TlsEngine receiver = pair.server.engine;
            ByteBuffer payload = ByteBuffer.wrap(Payload.random(16_384, 7).bytes());
            ByteBuffer network = ByteBuffer.allocate(64 * 1024);
            ByteBuffer plaintext = ByteBuffer.allocate(64 * 1024);
            long total = (long) mebibytes << 20;
            long received = 0;
            long start = System.nanoTime();
            while (received < total) {
                payload.clear();
                while (payload.hasRemaining() && sender.wrap(payload, network).consumed() > 0) {
                    // a full network buffer ends the inner loop
                }
                network.flip();
                while (network.hasRemaining() && receiver.unwrap(network, plaintext).madeProgress()) {
                    received += plaintext.position();
                    plaintext.clear();
                }
                network.compact();
            }
            return received / ((System.nanoTime() - start) / 1e9) / 1e6;
        } finally {
            contexts[0].close();
            contexts[1].close();
        }
    }
}
