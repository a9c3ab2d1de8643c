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
 * </pre>
 */
public final class IdleMemoryRun {

    private static final Duration SETTLE = Duration.ofSeconds(30);

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
            MemoryRow row = run.measure(spec);
            System.out.printf(Locale.ROOT, "%s: heap %.0f B, native %.0f B per connection%n",
                    spec.label(), row.heapPerConnection(), row.nativePerConnection());
            rows.add(row);
        }
        System.out.println();
        System.out.print(MemoryTable.markdown(rows));
    }

    private MemoryRow measure(ServerSpec spec) throws Exception {
        try (ChildServer server = ChildServer.start(spec, options.heap(), pki.serverChainPem(), pki.serverKeyPem());
             TlsContext clientTls = spec.isPlain() ? null : TlsProviders.newContext(options.clientTls(),
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
                    System.out.println(spec.label() + ": heap growth per connection (B) by class, top " + options.histogram());
                    System.out.print(ClassHistogram.of(server.pid()).growthSince(classesBefore, options.connections(),
                            options.histogram()));
                }
                clients.closeAll(SETTLE);
                return new MemoryRow(spec.label(), options.connections(), before, after);
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
                      List<ServerSpec> servers, int histogram, boolean trimNative) {

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
                    Integer.parseInt(value(list, "--histogram", "0")), list.contains("--trim-native"));
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
