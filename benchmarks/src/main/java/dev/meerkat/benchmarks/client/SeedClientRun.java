package dev.meerkat.benchmarks.client;

import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.http.HttpClient;
import dev.meerkat.http.HttpClientOptions;
import dev.meerkat.http.HttpClientRequest;
import dev.meerkat.http.HttpResponse;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsProviders;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The seed scenario as a client (issue 12, docs/benchmarks.md "The seed scenario"): N POSTs one after
 * the other, each on a new TLS connection, against a server that closes after every response and
 * resumes no session, so every request pays a full handshake. JIT warm-up is part of the run, as it
 * is for a user's short-lived client. Prints one line: client, requests, median, p90 and mean in ms;
 * and on standard error the CPU each kind of thread spent per request and how long it waited, runnable,
 * for a core ({@link ThreadCpu}); for a Meerkat client also the median of each phase of a request
 * ({@link PhaseTimes}).
 *
 * <pre>
 * SeedClientRun CLIENT URL CA_PEM [REQUESTS 2000] [BODY_BYTES 1024]
 *   CLIENT: meerkat:PROVIDER (jdk, bc, openssl, openssl-jna) or jdk-httpclient (java.net.http)
 * </pre>
 *
 * A response other than 200 ends the run with an error: a fast failure is no figure.
 */
public final class SeedClientRun {

    private SeedClientRun() {}

    /** One client's way of sending a request and waiting for its whole response. */
    private interface Poster extends AutoCloseable {
        /** Sends one POST and returns the response status once the body is in. */
        int post(byte[] body) throws Exception;

        @Override
        void close() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("expected CLIENT URL CA_PEM [REQUESTS] [BODY_BYTES] but was "
                    + Arrays.toString(args));
        }
        String client = args[0];
        URI url = URI.create(args[1]);
        Path caPem = Path.of(args[2]);
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        byte[] body = new byte[args.length > 4 ? Integer.parseInt(args[4]) : 1024];
        Arrays.fill(body, (byte) 'm');

        long[] nanos = new long[requests];
        String cpu;
        PhaseTimes phases = new PhaseTimes(requests);
        try (Poster poster = open(client, url, caPem, phases)) {
            for (int i = 0; i < requests; i++) {
                phases.start(i);
                long start = System.nanoTime();
                int status = poster.post(body);
                nanos[i] = System.nanoTime() - start;
                phases.end();
                if (status != 200) {
                    throw new IllegalStateException("expected 200 from " + url + " but request " + (i + 1)
                            + " of " + requests + " got " + status);
                }
            }
            cpu = ThreadCpu.perRequest(requests);  // before close: the client's threads end with it
        }
        System.out.println(summary(client, nanos));
        System.err.println(client + " CPU ms per request by thread (runnable, waiting for a core): " + cpu);
        if (client.startsWith("meerkat:")) {
            System.err.println(client + " median ms per phase: " + phases.summary());
        }
    }

    /** "client requests median p90 mean", times in ms. */
    static String summary(String client, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        return String.format(Locale.ROOT, "%s %d %.3f %.3f %.3f", client, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6, mean / 1e6);
    }

    private static Poster open(String client, URI url, Path caPem, PhaseTimes phases) throws Exception {
        if (client.equals("jdk-httpclient")) {
            return jdkHttpClient(url, caPem);
        }
        if (client.startsWith("meerkat:")) {
            return meerkat(client.substring("meerkat:".length()), url, caPem, phases);
        }
        throw new IllegalArgumentException("expected meerkat:PROVIDER or jdk-httpclient but was " + client);
    }

    private static Poster meerkat(String provider, URI url, Path caPem, PhaseTimes phases) throws Exception {
        TlsContext tls = TlsProviders.named(provider).newContext(TlsConfig.client().trustPem(caPem).build());
        Manager manager = new Manager().eventListener(phases).start();
        HttpClient http = new HttpClient(manager, HttpClientOptions.defaults()
                .withConnection(Options.defaults().withTls(tls)));
        return new Poster() {
            @Override
            public int post(byte[] body) throws Exception {
                HttpResponse response = http.sendAndWait(HttpClientRequest.builder("POST", url.toString())
                        .body(body).build());
                return response.status();
            }

            @Override
            public void close() {
                http.close();
                manager.close();
                tls.close();
            }
        };
    }

    private static Poster jdkHttpClient(URI url, Path caPem) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .sslContext(trusting(caPem))
                .build();
        return new Poster() {
            @Override
            public int post(byte[] body) throws Exception {
                return http.send(java.net.http.HttpRequest.newBuilder(url).POST(BodyPublishers.ofByteArray(body))
                        .build(), BodyHandlers.ofByteArray()).statusCode();
            }

            @Override
            public void close() {
                // java.net.http.HttpClient is AutoCloseable only from JDK 21; its threads are daemons.
            }
        };
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + i++, certificate);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
