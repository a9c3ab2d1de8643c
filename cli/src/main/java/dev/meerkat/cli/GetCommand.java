package dev.meerkat.cli;

import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpClient;
import dev.meerkat.http.HttpClientException;
import dev.meerkat.http.HttpClientOptions;
import dev.meerkat.http.HttpClientRequest;
import dev.meerkat.http.HttpResponse;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsSession;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

/**
 * {@code meerkat get URL}: an HTTP/1.1 request like curl's, the body to stdout or {@code -o}. With
 * {@code --repeat N} the same request goes N times in sequence on one client, which keeps the
 * connection while the server does and reconnects when it closes. Succeeds only when every
 * response arrived whole: a close-delimited body is whole only when the close was CLEAN.
 */
final class GetCommand implements Command {

    static final String USAGE = "meerkat get URL [--tls NAME] [--cacert FILE] [-k|--insecure] [-X METHOD]"
            + " [-d DATA|@FILE] [-H 'Name: value']... [-o FILE] [--repeat N] [-v]";

    private final GetOptions options;

    private GetCommand(GetOptions options) {
        this.options = options;
    }

    static GetCommand parse(List<String> arguments) throws UsageException {
        return new GetCommand(GetOptions.parse(new Args("get", arguments)));
    }

    GetOptions options() {
        return options;
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException {
        HttpClientRequest request = options.request();
        TlsContext tls = options.isHttps() ? ClientTls.context(options.provider(), options.cacert(), options.insecure()) : null;
        try (LoopThread loop = new LoopThread("meerkat-get");
             HttpClient client = new HttpClient(loop.manager(), clientOptions(tls));
             OutputStream body = openOutput(out)) {
            return sendAll(client, request, body, err);
        } catch (IOException e) {
            err.println("meerkat get: cannot write the body to " + describeOutput() + ": " + e.getMessage());
            return Main.FAILURE;
        } finally {
            if (tls != null) {
                tls.close();
            }
        }
    }

    private int sendAll(HttpClient client, HttpClientRequest request, OutputStream body, PrintStream err)
            throws IOException {
        for (int i = 1; i <= options.repeat(); i++) {
            HttpResponse response;
            try {
                response = client.send(request).get();
            } catch (ExecutionException e) {
                return report(failureOf(e), describe(i) + e.getCause().getMessage(), err);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return report(Failure.TIMEOUT, describe(i) + "interrupted", err);
            }
            if (options.verbose()) {
                printVerbose(response, err);
            }
            body.write(response.body());
            body.flush();
            if (!response.complete()) {
                return report(Failure.ofIncomplete(response), describe(i) + request + ": the body ended with "
                        + response.closeReason() + " after " + response.body().length
                        + " bytes; it may be cut short (no close_notify or an incomplete length)", err);
            }
        }
        return Main.SUCCESS;
    }

    private String describe(int attempt) {
        return options.repeat() == 1 ? "" : "request " + attempt + " of " + options.repeat() + ": ";
    }

    private static Failure failureOf(ExecutionException e) {
        return e.getCause() instanceof HttpClientException h ? Failure.of(h) : Failure.PROTOCOL;
    }

    private static int report(Failure failure, String message, PrintStream err) {
        err.println("meerkat get: " + failure.label() + ": " + message);
        return failure.exitStatus();
    }

    private static void printVerbose(HttpResponse response, PrintStream err) {
        TlsSession session = response.tlsSession();
        if (session != null) {
            err.printf(Locale.ROOT, "* TLS: provider %s, %s, %s%n", session.provider(), session.protocol(),
                    session.cipherSuite());
        }
        err.println("< " + response.head().version().text() + " " + response.status() + " " + response.head().reason());
        for (Headers.Field f : response.headers()) {
            err.println("< " + f.name() + ": " + f.value());
        }
        err.println("* body: " + response.body().length + " bytes, " + (response.complete() ? "whole" : "possibly truncated")
                + ", close reason: " + (response.closeReason() == null ? "- (the framing ended the body)" : response.closeReason()));
    }

    private HttpClientOptions clientOptions(TlsContext tls) {
        HttpClientOptions defaults = HttpClientOptions.defaults().withMaxPerHost(1);
        return tls == null ? defaults : defaults.withConnection(defaults.connection().withTls(tls));
    }

    private OutputStream openOutput(PrintStream out) throws IOException {
        if (options.output() == null) {
            return new NonClosingOutputStream(out);
        }
        return Files.newOutputStream(options.output());
    }

    private String describeOutput() {
        return options.output() == null ? "stdout" : options.output().toString();
    }

    /** Writes through to stdout but leaves it open for the messages that follow. */
    private static final class NonClosingOutputStream extends FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The parsed options of {@code get}. */
    record GetOptions(String url, String provider, Path cacert, boolean insecure, String method, byte[] data,
                      List<String> headers, Path output, int repeat, boolean verbose) {

        boolean isHttps() {
            return url.regionMatches(true, 0, "https://", 0, 8);
        }

        HttpClientRequest request() throws UsageException {
            try {
                HttpClientRequest.Builder b = HttpClientRequest.builder(method, url).body(data);
                for (String header : headers) {
                    int colon = header.indexOf(':');
                    b.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
                }
                return b.build();
            } catch (IllegalArgumentException e) {
                throw new UsageException("get: " + e.getMessage(), e);
            }
        }

        static GetOptions parse(Args args) throws UsageException {
            GetOptionsBuilder b = new GetOptionsBuilder();
            while (args.hasNext()) {
                b.accept(args, args.next());
            }
            return b.build(args);
        }
    }

    /** Collects {@code get}'s options one argument at a time. */
    private static final class GetOptionsBuilder {
        private String url;
        private String provider;
        private Path cacert;
        private boolean insecure;
        private String method;
        private byte[] data;
        private final List<String> headers = new ArrayList<>();
        private Path output;
        private int repeat = 1;
        private boolean verbose;

        void accept(Args args, String arg) throws UsageException {
            switch (arg) {
                case "--tls" -> provider = args.value(arg);
                case "--cacert" -> cacert = Path.of(args.value(arg));
                case "-k", "--insecure" -> insecure = true;
                case "-X", "--request" -> method = args.value(arg).toUpperCase(Locale.ROOT);
                case "-d", "--data" -> data = readData(args.value(arg));
                case "-H", "--header" -> headers.add(header(args.value(arg)));
                case "-o", "--output" -> output = Path.of(args.value(arg));
                case "--repeat" -> repeat = args.positiveInt(arg);
                case "-v", "--verbose" -> verbose = true;
                default -> positional(args, arg);
            }
        }

        GetOptions build(Args args) throws UsageException {
            if (url == null) {
                throw args.missing("a URL (http:// or https://)");
            }
            String m = method != null ? method : data != null ? "POST" : "GET";
            return new GetOptions(url, provider, cacert, insecure, m, data == null ? new byte[0] : data,
                    List.copyOf(headers), output, repeat, verbose);
        }

        private void positional(Args args, String arg) throws UsageException {
            if (url != null || arg.startsWith("-")) {
                throw args.unknown(arg);
            }
            if (!arg.regionMatches(true, 0, "http://", 0, 7) && !arg.regionMatches(true, 0, "https://", 0, 8)) {
                throw new UsageException("get: expected an http:// or https:// URL but was '" + arg + "'");
            }
            url = arg;
        }

        private static String header(String value) throws UsageException {
            int colon = value.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("get: option -H expects 'Name: value' but was '" + value + "'");
            }
            return value;
        }

        private static byte[] readData(String value) throws UsageException {
            if (!value.startsWith("@")) {
                return value.getBytes(StandardCharsets.UTF_8);
            }
            Path file = Path.of(value.substring(1));
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UsageException("get: cannot read the body file of -d " + value + ": " + e.getMessage(), e);
            }
        }
    }
}
