package dev.meerkat.tls.openssl;

import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens and closes many openssl engine pairs in a fresh JVM and prints the resident set size
 * ({@code VmRSS}) as "rss ITERATION KB" lines: NMT does not see BoringSSL's allocations, RSS does.
 * Every {@code handshakeEvery}-th pair completes a handshake and exchanges 1 KiB each way; the others
 * are created and closed. Contexts are replaced every 1,000 pairs so SSL_CTX frees are covered too.
 * Even pairs connect to one port and so resume the session the previous one left; odd pairs each go
 * to a new port (a full handshake), so the client's session cache fills past its capacity and evicts.
 *
 * <p>Usage: {@code LeakProbe PAIRS HANDSHAKE_EVERY REPORT_EVERY}; the last line is "resumed COUNT".
 */
public final class LeakProbe {

    private LeakProbe() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = Integer.parseInt(args[0]);
        int handshakeEvery = Integer.parseInt(args[1]);
        int reportEvery = Integer.parseInt(args[2]);
        TlsProvider openssl = TlsProviders.named("openssl");
        TestPki pki = TestPki.get();
        TlsContext clientContext = null;
        TlsContext serverContext = null;
        byte[] data = new byte[1024];
        int resumed = 0;
        for (int i = 0; i < pairs; i++) {
            if (i % 1_000 == 0) {
                closeAll(clientContext, serverContext);
                clientContext = openssl.newContext(pki.clientConfig().build());
                serverContext = openssl.newContext(pki.serverConfig(pki.server()).build());
            }
            int port = i % 2 == 0 ? EnginePair.PORT : 1 + i % 1_000;
            try (EnginePair pair = EnginePair.ofEngines(clientContext.newEngine(EnginePair.HOST, port),
                    serverContext.newEngine(null, 0))) {
                if (i % handshakeEvery == 0) {
                    pair.handshake();
                    pair.client.send(data);
                    pair.server.send(data);
                    pair.pumpUntilReceived(data.length, data.length);
                    resumed += pair.client.engine.session().resumed() ? 1 : 0;
                }
            }
            if ((i + 1) % reportEvery == 0) {
                System.out.println("rss " + (i + 1) + " " + residentKilobytes());
            }
        }
        closeAll(clientContext, serverContext);
        System.out.println("resumed " + resumed);
    }

    private static void closeAll(TlsContext... contexts) {
        for (TlsContext context : contexts) {
            if (context != null) {
                context.close();
            }
        }
    }

    static long residentKilobytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("expected a VmRSS line in /proc/self/status but found none");
    }
}
