package dev.meerkat.cli;

import dev.meerkat.http.HttpClient;
import dev.meerkat.http.HttpClientOptions;
import dev.meerkat.http.HttpClientRequest;
import dev.meerkat.tls.TlsContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;

/**
 * The requests of {@code meerkat get}, each response streamed to stdout or {@code -o} as it
 * arrives. With {@code --repeat N} the same request goes N times in sequence on one client, which
 * keeps the connection while the server does and reconnects when it closes. Succeeds only when
 * every response arrived whole: a close-delimited body is whole only when the close was CLEAN.
 */
final class GetRun {

    private final GetOptions options;
    /** Where failures are told: stderr, or nowhere under {@code -s}. */
    private final PrintStream messages;
    private final PrintStream err;

    GetRun(GetOptions options, PrintStream err) {
        this.options = options;
        this.err = err;
        this.messages = options.display().quiet() ? new PrintStream(OutputStream.nullOutputStream()) : err;
    }

    int run(PrintStream out) throws UsageException {
        HttpClientRequest request = options.request().request();
        // A redirect may lead from http to https: the TLS options hold there too.
        TlsContext tls = options.request().isHttps() || options.client().maxRedirects() > 0
                ? options.client().tls().context() : null;
        try (LoopThread loop = new LoopThread("meerkat-get")) {
            HttpClientOptions clientOptions = options.client().options(tls);
            return sendAll(new HttpClient(loop.manager(), clientOptions), clientOptions, request, out);
        } finally {
            if (tls != null) {
                tls.close();
            }
        }
    }

    private int sendAll(HttpClient client, HttpClientOptions clientOptions, HttpClientRequest request, PrintStream out) {
        BodyOutput output = new BodyOutput(options.display().output(), out);
        int status = Main.SUCCESS;
        try (client) {
            for (int i = 1; i <= options.repeat() && status == Main.SUCCESS; i++) {
                if (options.display().verbose()) {
                    RequestLines.print(request, clientOptions, err);
                }
                status = transfer(client, request, describe(i) + request, output, out);
            }
        } finally {
            status = closed(output, status);
        }
        return status;
    }

    /** One exchange, then the {@code -w} text; its exit status. */
    private int transfer(HttpClient client, HttpClientRequest request, String what, BodyOutput output, PrintStream out) {
        long start = System.nanoTime();
        Transfer transfer = new Transfer(what, options.display(), output, err, messages);
        client.send(request, transfer);
        int status = await(transfer);
        String format = options.display().writeOut();
        if (format != null) {
            out.print(new WriteOut(transfer.status(), transfer.bodyBytes(), (System.nanoTime() - start) / 1e9,
                    request.url().toString(), status).format(format, err));
            out.flush();
        }
        return status;
    }

    private int await(Transfer transfer) {
        try {
            return transfer.exitStatus().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            messages.println("meerkat get: " + Failure.TIMEOUT.label() + ": interrupted");
            return Failure.TIMEOUT.exitStatus();
        } catch (ExecutionException e) {
            throw new IllegalStateException("expected an exit status but the transfer failed: " + e.getCause(), e);
        }
    }

    /** Closes the output; a failed close of a whole transfer is a write failure. */
    private int closed(BodyOutput output, int status) {
        try {
            output.close();
            return status;
        } catch (IOException e) {
            messages.println("meerkat get: " + Failure.WRITE.label() + ": cannot write to " + output.describe() + ": "
                    + e.getMessage());
            return status == Main.SUCCESS ? Failure.WRITE.exitStatus() : status;
        }
    }

    private String describe(int attempt) {
        return options.repeat() == 1 ? "" : "request " + attempt + " of " + options.repeat() + ": ";
    }
}
