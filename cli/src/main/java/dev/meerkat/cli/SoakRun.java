package dev.meerkat.cli;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Runs soak scenarios against one embedded {@link SoakServer}: server and client each on their own
 * loop thread, a fresh self-signed certificate that only this run's clients trust.
 */
final class SoakRun {

    private final String serverProvider;
    private final int requests;
    private final int bodySize;

    /**
     * @param serverProvider the server's TLS provider, the same for every scenario so that results
     *                       compare client providers only
     */
    SoakRun(String serverProvider, int requests, int bodySize) {
        this.serverProvider = serverProvider;
        this.requests = requests;
        this.bodySize = bodySize;
    }

    List<ScenarioResult> run(List<Scenario> scenarios, PrintStream err) throws UsageException {
        KeyMaterial certificate = KeyMaterial.selfSigned("localhost", "127.0.0.1");
        TlsConfig clientConfig = TlsConfig.client().trustCertificates(List.of(certificate.leaf())).build();
        Map<String, TlsContext> clientContexts = new LinkedHashMap<>();
        TlsContext serverTls = ClientTls.newContext(serverProvider, TlsConfig.server(certificate).build());
        try (LoopThread serverLoop = new LoopThread("meerkat-soak-server");
             LoopThread clientLoop = new LoopThread("meerkat-soak-client")) {
            SoakServer server = startServer(serverLoop, serverTls);
            SoakClient client = new SoakClient(clientLoop.manager(), server.port(), requests, bodySize,
                    new ProgressBar(err, ProgressBar.stderrIsTerminal()));
            List<ScenarioResult> results = new ArrayList<>();
            for (Scenario s : scenarios) {
                TlsContext tls = clientContexts.get(s.provider());
                if (tls == null) {
                    tls = ClientTls.newContext(s.provider(), clientConfig);
                    clientContexts.put(s.provider(), tls);
                }
                results.add(client.run(s, tls));
            }
            return results;
        } finally {
            clientContexts.values().forEach(TlsContext::close);
            serverTls.close();
        }
    }

    private SoakServer startServer(LoopThread loop, TlsContext tls) {
        try {
            return loop.call(() -> SoakServer.listen(loop.manager(), tls, bodySize));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the soak server did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the soak server started", e);
        }
    }
}
