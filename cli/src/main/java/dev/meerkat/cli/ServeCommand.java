package dev.meerkat.cli;

import dev.meerkat.LoopGroup;
import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpExchange;
import dev.meerkat.http.HttpHandler;
import dev.meerkat.http.HttpServerGroup;
import dev.meerkat.http.HttpServerOptions;
import dev.meerkat.http.StaticFiles;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * {@code meerkat serve}: static files from a directory (text files gzip-coded for clients that
 * take gzip, see {@link StaticFiles}), {@code /echo} streaming the request body back as it arrives
 * (chunked), over HTTP or HTTPS, with an access log on stdout (written by its own thread, see {@link AccessLog}). Bodies are never held whole, so concurrent large
 * uploads stay within the process's {@link dev.meerkat.MemoryBudget}. Without {@code --cert} a self-signed certificate for localhost and
 * 127.0.0.1 is made; its file and SHA-256 fingerprint are printed so clients can trust it. Runs
 * until Ctrl-C, then shuts down gracefully (in-flight replies finish). One loop thread per core
 * ({@code --threads}) serves the port, on a {@link LoopGroup}.
 */
@CommandLine.Command(name = "serve", sortOptions = false,
        description = "A static file server; /echo answers with the request body; Ctrl-C stops it.",
        footer = {"", "Key log: TLS secrets go to the file SSLKEYLOGFILE names, as with curl (not with --tls jdk)."})
final class ServeCommand implements Command {

    @CommandLine.Option(names = "--dir", paramLabel = "DIR", description = "The files to serve (default: .).")
    private Path dir = Path.of(".");

    @CommandLine.Option(names = "--listen", paramLabel = "URL",
            description = "Where to listen (default: " + ServeOptions.DEFAULT_LISTEN + ").")
    private String listen = ServeOptions.DEFAULT_LISTEN;

    @CommandLine.Option(names = "--tls", paramLabel = "NAME", description = "TLS provider; turns TLS on.")
    private String provider;

    @CommandLine.Option(names = "--cert", paramLabel = "FILE",
            description = "PEM certificate chain (default: a self-signed one); turns TLS on.")
    private Path cert;

    @CommandLine.Option(names = "--key", paramLabel = "FILE", description = "PEM private key of --cert.")
    private Path key;

    @CommandLine.Option(names = "--close", description = "Close the connection after every response.")
    private boolean close;

    @CommandLine.Option(names = "--max-connections", paramLabel = "N", converter = PositiveInt.class,
            description = "Connections served at once; more get 503 (default: "
                    + HttpServerOptions.DEFAULT_MAX_CONNECTIONS + ").")
    private int maxConnections = HttpServerOptions.DEFAULT_MAX_CONNECTIONS;

    @CommandLine.Option(names = "--threads", paramLabel = "N", converter = PositiveInt.class,
            description = "Loop threads serving the port (default: the number of cores).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @CommandLine.Option(names = {"-q", "--quiet"}, description = "No access log (one Common Log Format line per request on stdout).")
    private boolean quiet;

    @CommandLine.Option(names = "--no-gzip",
            description = "Send text files as they are, not gzip-coded to clients that accept gzip.")
    private boolean noGzip;

    @CommandLine.Option(names = "--hard-links",
            description = "Serve files with more than one hard link (refused by default: one may be a file outside --dir).")
    private boolean hardLinks;

    private ServeOptions options;

    /** Parses {@code serve}'s arguments. */
    static ServeCommand parse(List<String> arguments) throws UsageException {
        return Main.parse(new ServeCommand(), arguments);
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException {
        JdkSessionTickets.preferServerCache(Runtime.version().feature());
        Running running = start(out);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "meerkat-serve-shutdown"));
        return awaitStop(running, err);
    }

    /** Waits until the loops stop: SUCCESS after a shutdown, FAILURE when a fatal error stopped one. */
    static int awaitStop(Running running, PrintStream err) {
        try {
            running.group.stopped().join();
            return Main.SUCCESS;
        } catch (CompletionException e) {
            // A fatal error (out of memory) stopped a loop, and with it the group: exit loudly rather than hold a dead port.
            err.println("meerkat serve: the server stopped: " + e.getCause());
            err.flush();
            return Main.FAILURE;
        }
    }

    /** Starts serving and prints where; the caller stops it with {@link Running#close()}. */
    Running start(PrintStream out) throws UsageException {
        options = options();
        Path certificateFile = null;
        TlsContext tls = null;
        if (options.tls()) {
            KeyMaterial key;
            if (options.cert() != null) {
                key = readKeyMaterial();
            } else {
                key = KeyMaterial.selfSigned("localhost", "127.0.0.1");
                certificateFile = writeCertificate(key);
                out.println("self-signed certificate for localhost and 127.0.0.1: " + certificateFile);
                out.println("SHA-256 fingerprint: " + CertificateFiles.sha256Fingerprint(key.leaf()));
            }
            // Like curl: SSLKEYLOGFILE, when set, names the key log.
            tls = ClientTls.newContext(options.provider(), TlsConfig.server(key).keyLogFromEnvironment().build());
        }
        Running running = listen(tls, certificateFile, quiet ? null : new AccessLog(out, Clock.systemUTC()));
        out.println("meerkat serve: serving " + options.dir().toAbsolutePath().normalize() + " on " + running.url()
                + " with " + threads + (threads == 1 ? " thread" : " threads")
                + (tls == null ? "" : " (TLS provider " + tls.providerName() + ")")
                + (options.close() ? ", closing after every response" : ""));
        out.flush();
        return running;
    }

    private ServeOptions options() throws UsageException {
        try {
            return new ServeOptions(dir, listen, provider, cert, key, close, maxConnections);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private Running listen(TlsContext tls, Path certificateFile, AccessLog log) throws UsageException {
        HttpServerOptions serverOptions = HttpServerOptions.builder().maxConnections(options.maxConnections()).build();
        if (tls != null) {
            serverOptions = serverOptions.withConnection(serverOptions.connection().withTls(tls));
        }
        HttpHandler handler = handler(log);
        LoopGroup group = new LoopGroup(threads).start();
        try {
            HttpServerGroup server = HttpServerGroup.listen(group, options.listenUrl(), serverOptions, handler)
                    .get(10, TimeUnit.SECONDS);
            return new Running(group, server, tls, certificateFile, log);
        } catch (Exception e) {
            group.close();
            if (tls != null) {
                tls.close();
            }
            if (log != null) {
                log.close();
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UsageException("serve: cannot listen on " + options.listenUrl() + ": " + cause.getMessage(), cause);
        }
    }

    /** Files and /echo; {@code log} (null: none) gets each request once it was answered. */
    private HttpHandler handler(AccessLog log) throws UsageException {
        try {
            StaticFiles gzipOrNot = new StaticFiles(options.dir(), !noGzip);
            StaticFiles files = hardLinks ? gzipOrNot.withHardLinks() : gzipOrNot;
            return (exchange, event) -> {
                if (event instanceof HttpEvent.Head && options.close()) {
                    // Connection: close on every answer, then close: the httpbin.org of Mongoose issue 2570.
                    exchange.closeAfterReply();
                } else if (exchange.request().path().equals("/echo")) {
                    echo(exchange, event);
                } else if (event instanceof HttpEvent.End) {
                    files.serve(exchange);
                }
                if (event instanceof HttpEvent.End && log != null) {
                    log.record(exchange);
                }
            };
        } catch (IOException e) {
            throw new UsageException("serve: expected a directory for --dir but was " + options.dir() + ": " + e.getMessage(), e);
        }
    }

    /** Sends each piece of the body back as it arrives, reading no faster than the client takes the echo. */
    private static void echo(HttpExchange exchange, HttpEvent event) {
        if (!exchange.replyStarted() && !(event instanceof HttpEvent.Head)) {
            exchange.startChunked(200, Headers.of("Content-Type", "application/octet-stream"));
        }
        if (event instanceof HttpEvent.Body body) {
            exchange.sendChunk(body.chunk().data());
            exchange.pauseReadingUntilWritable();
        } else if (event instanceof HttpEvent.End) {
            exchange.endChunked();
        }
    }

    private KeyMaterial readKeyMaterial() throws UsageException {
        try {
            return KeyMaterial.fromPem(options.cert(), options.key());
        } catch (TlsException e) {
            throw new UsageException("serve: cannot read --cert " + options.cert() + " and --key " + options.key()
                    + ": " + e.getMessage(), e);
        }
    }

    private static Path writeCertificate(KeyMaterial generated) throws UsageException {
        try {
            Path dir = Files.createTempDirectory("meerkat-serve-");
            Path cert = CertificateFiles.write(generated, dir);
            dir.toFile().deleteOnExit();
            cert.toFile().deleteOnExit();
            dir.resolve("key.pem").toFile().deleteOnExit();
            return cert;
        } catch (IOException e) {
            throw new UsageException("serve: cannot write the self-signed certificate: " + e.getMessage(), e);
        }
    }

    /** A started server; {@link #close()} shuts it down gracefully, waiting up to 5 seconds. */
    static final class Running implements AutoCloseable {
        private final LoopGroup group;
        private final HttpServerGroup server;
        private final TlsContext tls;
        private final Path certificateFile;
        private final AccessLog log;

        Running(LoopGroup group, HttpServerGroup server, TlsContext tls, Path certificateFile, AccessLog log) {
            this.group = group;
            this.server = server;
            this.tls = tls;
            this.certificateFile = certificateFile;
            this.log = log;
        }

        int port() {
            return server.port();
        }

        LoopGroup group() {
            return group;
        }

        String url() {
            return (tls == null ? "http://" : "https://") + server.address().getHostString() + ":" + port();
        }

        /** The self-signed certificate's PEM file, or null when --cert was given or TLS is off. */
        Path certificateFile() {
            return certificateFile;
        }

        @Override
        public void close() {
            try {
                if (!group.stopped().isDone()) {
                    server.shutdown().get(5, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                // Not every connection finished in time: the group's close below ends the rest.
            } finally {
                group.close();
                if (tls != null) {
                    tls.close();
                }
                if (log != null) {
                    log.close();
                }
            }
        }
    }
}
