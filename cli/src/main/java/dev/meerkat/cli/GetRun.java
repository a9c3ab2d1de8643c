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
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

/**
 * The requests of {@code meerkat get}, the body to stdout or {@code -o}. With {@code --repeat N} the
 * same request goes N times in sequence on one client, which keeps the connection while the server
 * does and reconnects when it closes. Succeeds only when every response arrived whole: a
 * close-delimited body is whole only when the close was CLEAN.
 */
final class GetRun {

    private final GetOptions options;
    /** Where failures are told: stderr, or nowhere under {@code -s}. */
    private final PrintStream messages;
    private final PrintStream err;

    GetRun(GetOptions options, PrintStream err) {
        this.options = options;
        this.err = err;
        this.messages = options.quiet() ? new PrintStream(OutputStream.nullOutputStream()) : err;
    }

    int run(PrintStream out) throws UsageException {
        HttpClientRequest request = options.request();
        TlsContext tls = options.isHttps() ? ClientTls.context(options.provider(), options.cacert(), options.insecure()) : null;
        try (LoopThread loop = new LoopThread("meerkat-get");
             HttpClient client = new HttpClient(loop.manager(), clientOptions(tls));
             OutputStream body = openOutput(out)) {
            return sendAll(client, request, body);
        } catch (IOException e) {
            messages.println("meerkat get: cannot write the body to " + describeOutput() + ": " + e.getMessage());
            return Main.FAILURE;
        } finally {
            if (tls != null) {
                tls.close();
            }
        }
    }

    private int sendAll(HttpClient client, HttpClientRequest request, OutputStream body) throws IOException {
        for (int i = 1; i <= options.repeat(); i++) {
            HttpResponse response;
            try {
                response = client.send(request).get();
            } catch (ExecutionException e) {
                return report(failureOf(e), describe(i) + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return report(Failure.TIMEOUT, describe(i) + "interrupted");
            }
            int status = take(response, describe(i) + request, body);
            if (status != Main.SUCCESS) {
                return status;
            }
        }
        return Main.SUCCESS;
    }

    /** Shows and writes one response; its exit status, SUCCESS when it is whole (and, under -f, not an error). */
    private int take(HttpResponse response, String what, OutputStream body) throws IOException {
        if (options.verbose()) {
            printVerbose(response, err);
        }
        if (options.fail() && response.status() >= 400) {
            return report(Failure.HTTP_ERROR, what + ": the server answered " + response.status() + " "
                    + response.head().reason());
        }
        body.write(response.body());
        body.flush();
        if (!response.complete()) {
            return report(Failure.ofIncomplete(response), what + ": the body ended with " + response.closeReason()
                    + " after " + response.body().length
                    + " bytes; it may be cut short (no close_notify or an incomplete length)");
        }
        return Main.SUCCESS;
    }

    private String describe(int attempt) {
        return options.repeat() == 1 ? "" : "request " + attempt + " of " + options.repeat() + ": ";
    }

    private static Failure failureOf(ExecutionException e) {
        return e.getCause() instanceof HttpClientException h ? Failure.of(h) : Failure.PROTOCOL;
    }

    private int report(Failure failure, String message) {
        messages.println("meerkat get: " + failure.label() + ": " + message);
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
}
