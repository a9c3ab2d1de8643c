package dev.meerkat.tls.bc;

import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsEngine;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.TestPki;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Side-by-side in-memory numbers for jdk, bc (JCA crypto) and bc (BC crypto) in one JVM: median
 * full-handshake time (client and server on one thread) and one-way bulk payload throughput. Not a
 * test: run it with {@code java -cp ... dev.meerkat.tls.bc.BcVsJdkMeasurement}
 * (see docs/bc-measurements.md). The JMH suites in the benchmarks module supersede it.
 */
public final class BcVsJdkMeasurement {

    private static final int HANDSHAKES = 300;
    private static final int CHUNK = 16 * 1024;

    private record Candidate(String label, TlsProvider provider, long bulkBytes) {
    }

    private BcVsJdkMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        List<Candidate> candidates = List.of(
                new Candidate("jdk", TlsProviders.named("jdk"), 512L << 20),
                new Candidate("bc (JCA crypto)", new BcTlsProvider(), 512L << 20),
                new Candidate("bc (BC crypto)", BcTlsProvider.withCrypto(BcTlsProvider.Crypto.BC), 48L << 20));
        System.out.printf("%-16s %-8s %14s %12s%n", "provider", "version", "handshake ms", "bulk MB/s");
        for (int round = 0; round < 2; round++) {
            System.out.println(round == 0 ? "-- warm-up round --" : "-- measured round --");
            for (TlsVersion version : TlsVersion.values()) {
                for (Candidate c : candidates) {
                    System.out.printf("%-16s %-8s %14.3f %12.0f%n", c.label(), version.protocolName(),
                            medianHandshakeMillis(c.provider(), version), bulkMegabytesPerSecond(c, version));
                }
            }
        }
    }

    private static TlsContext[] contexts(TlsProvider provider, TlsVersion version) throws TlsException {
        TestPki pki = TestPki.get();
        return new TlsContext[] {
            provider.newContext(pki.clientConfig().versions(version).build()),
            provider.newContext(pki.serverConfig(pki.server()).versions(version).build())};
    }

    private static double medianHandshakeMillis(TlsProvider provider, TlsVersion version) throws TlsException {
        TlsContext[] contexts = contexts(provider, version);
        long[] nanos = new long[HANDSHAKES];
        for (int i = 0; i < HANDSHAKES; i++) {
            // A new client context each time: no session resumption.
            TlsContext client = provider.newContext(contexts[0].config());
            long start = System.nanoTime();
            EnginePair.ofEngines(client.newEngine("localhost", 443), contexts[1].newEngine(null, 0)).handshake();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[HANDSHAKES / 2] / 1e6;
    }

    /** Client wraps 16 KiB writes, server unwraps them; payload bytes per second of wall time. */
    private static double bulkMegabytesPerSecond(Candidate candidate, TlsVersion version) throws TlsException {
        TlsContext[] contexts = contexts(candidate.provider(), version);
        EnginePair pair = EnginePair.on(contexts[0], contexts[1]);
        pair.handshake();
        TlsEngine client = pair.client.engine;
        TlsEngine server = pair.server.engine;
        ByteBuffer data = ByteBuffer.allocate(CHUNK);
        ByteBuffer wire = ByteBuffer.allocate(64 * 1024);
        ByteBuffer plain = ByteBuffer.allocate(server.plaintextRoom());
        long delivered = 0;
        long start = System.nanoTime();
        while (delivered < candidate.bulkBytes()) {
            data.clear();
            client.wrap(data, wire);
            wire.flip();
            while (wire.hasRemaining() && server.unwrap(wire, plain).madeProgress()) {
                delivered += plain.position();
                plain.clear();
            }
            wire.compact();
        }
        return delivered / ((System.nanoTime() - start) / 1e9) / 1e6;
    }
}
