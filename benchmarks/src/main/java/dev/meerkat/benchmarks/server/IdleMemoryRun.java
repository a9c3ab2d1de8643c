package dev.meerkat.benchmarks.server;

import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.TestPki;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Memory per idle connection, every server side by side in one run (docs/server-benchmarks.md). For
 * each server: start it in its own JVM (fixed pre-touched heap), warm it up with connections that
 * come and go, measure, open N TLS connections from this JVM (handshake plus one GET each), measure
 * again, close. Prints a Markdown table; ratios are to the Netty anchors of the same run.
 *
 * <pre>
 * IdleMemoryRun [--connections 10000] [--warmup 2000] [--heap 1g] [--parallel 64]
 *               [--client-tls openssl] [--limit-seconds 300] [--servers meerkat:jdk,netty:JDK,...]
 *               [--histogram N]   also print the N classes whose live heap grew most per connection
 *               [--trim-native]   malloc_trim the server before each measurement (jcmd System.trim_native_heap):
 *                                 without it, native memory the warm-up freed is reused by the measured
 *                                 connections and their native figure comes out low
 *               [--full-handshakes]  measure each TLS server a second time, row "(full handshakes)", with
 *                                 a client that never resumes: every connection a full handshake
 * </pre>
 *
 * <p>The default client ({@code openssl}, tcnative) resumes: after the first connection to a server,
 * the others resume its TLS 1.3 tickets, which costs a JDK 17 {@code jdk} server a parsed copy of its
 * chain per connection (docs/server-benchmarks.md, memory section). The full-handshake rows use the
 * {@code bc} client, whose TLS 1.3 client offers no ticket.
 */
public final class IdleMemoryRun {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** A client that never resumes: Bouncy Castle's TLS 1.3 client sends no pre_shared_key. */
    private static final String NEVER_RESUMING_CLIENT = "bc";

    private final RunOptions options;
    private final TestPki pki = TestPki.get();

    private IdleMemoryRun(RunOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        RunOptions options = RunOptions.parse(args);
        System.out.println("idle memory: " + options.connections() + " connections per server after "
                + options.warmup() + " warm-up connections, server heap -Xms=-Xmx=" + options.heap()
                + " pre-touched, client TLS " + options.clientTls()
                + (options.trimNative() ? ", server malloc-trimmed before each measurement" : ""));
        List<MemoryRow> rows = new ArrayList<>();
        IdleMemoryRun run = new IdleMemoryRun(options);
        for (ServerSpec spec : options.servers()) {
            rows.add(run.measure(spec, options.clientTls(), spec.label()));
            if (options.fullHandshakes() && !spec.isPlain()) {
                rows.add(run.measure(spec, NEVER_RESUMING_CLIENT, spec.label() + MemoryTable.FULL_HANDSHAKES));
            }
        }
        System.out.println();
        System.out.print(MemoryTable.markdown(rows));
    }

    /** One row, labelled {@code label}: {@code spec} in a fresh server JVM, its clients on {@code clientProvider}. */
    private MemoryRow measure(ServerSpec spec, String clientProvider, String label) throws Exception {
        try (ChildServer server = ChildServer.start(spec, options.heap(), pki.serverChainPem(), pki.serverKeyPem());
             TlsContext clientTls = spec.isPlain() ? null : TlsProviders.newContext(clientProvider,
                     pki.clientConfig().build())) {
            openAndClose(server.port(), clientTls, options.warmup());
            server.awaitConnections(0, SETTLE);
            ProcessMemory before = memoryOf(server);
            ClassHistogram classesBefore = options.histogram() > 0 ? ClassHistogram.of(server.pid()) : null;
            try (IdleClients clients = new IdleClients(server.port(), clientTls)) {
                clients.open(options.connections(), options.parallel(), options.limit());
                server.awaitConnections(options.connections(), SETTLE);
                ProcessMemory after = memoryOf(server);
                if (classesBefore != null) {
                    System.out.println(label + ": heap growth per connection (B) by class, top " + options.histogram());
                    System.out.print(ClassHistogram.of(server.pid()).growthSince(classesBefore, options.connections(),
                            options.histogram()));
                }
                clients.closeAll(SETTLE);
                MemoryRow row = new MemoryRow(label, options.connections(), before, after);
                System.out.printf(Locale.ROOT, "%s: heap %.0f B, native %.0f B per connection%n",
                        label, row.heapPerConnection(), row.nativePerConnection());
                return row;
            }
        }
    }

    private ProcessMemory memoryOf(ChildServer server) throws Exception {
        if (options.trimNative()) {
            server.trimNativeHeap();
        }
        return server.memory();
    }

    private void openAndClose(int port, TlsContext clientTls, int count) {
        try (IdleClients warmup = new IdleClients(port, clientTls)) {
            warmup.open(count, options.parallel(), options.limit());
            warmup.closeAll(SETTLE);
        }
    }

    /** The command line; every value has a default sized for this 2-core machine. */
    record RunOptions(int connections, int warmup, String heap, int parallel, String clientTls, Duration limit,
                      List<ServerSpec> servers, int histogram, boolean trimNative, boolean fullHandshakes) {

        static RunOptions parse(String[] args) {
            List<String> list = Arrays.asList(args);
            List<ServerSpec> servers = new ArrayList<>();
            for (String label : value(list, "--servers", String.join(",", ServerSpec.ALL)).split(",")) {
                servers.add(ServerSpec.parse(label.trim(), null, null));
            }
            return new RunOptions(Integer.parseInt(value(list, "--connections", "10000")),
                    Integer.parseInt(value(list, "--warmup", "2000")), value(list, "--heap", "1g"),
                    Integer.parseInt(value(list, "--parallel", "64")), value(list, "--client-tls", "openssl"),
                    Duration.ofSeconds(Long.parseLong(value(list, "--limit-seconds", "300"))), servers,
                    Integer.parseInt(value(list, "--histogram", "0")), list.contains("--trim-native"),
                    list.contains("--full-handshakes"));
        }

        private static String value(List<String> args, String flag, String fallback) {
            int at = args.indexOf(flag);
            if (at < 0) {
                return fallback;
            }
            if (at + 1 >= args.size()) {
                throw new IllegalArgumentException("expected a value after " + flag + " but the arguments ended");
            }
            return args.get(at + 1);
        }
    }
}
