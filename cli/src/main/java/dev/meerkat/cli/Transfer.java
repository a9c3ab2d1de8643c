package dev.meerkat.cli;

import dev.meerkat.http.BodyChunk;
import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpCall;
import dev.meerkat.http.HttpClientException;
import dev.meerkat.http.HttpResponseHead;
import dev.meerkat.http.MessageEnd;
import dev.meerkat.http.ResponseListener;
import dev.meerkat.tls.TlsSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * One response of {@code get}, streamed into its {@link BodyOutput} as it arrives (nothing held, no
 * size limit), the head before the body under {@code -i}, shown on stderr under {@code -v}.
 * {@link #exitStatus()} completes once with SUCCESS for a whole response, else the failure's status,
 * its message told on {@code messages}.
 */
final class Transfer implements ResponseListener {

    private final String what;
    private final Display display;
    private final BodyOutput output;
    private final PrintStream err;
    private final PrintStream messages;
    private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
    private HttpCall call;
    private int status;
    private long bodyBytes;

    Transfer(String what, Display display, BodyOutput output, PrintStream err, PrintStream messages) {
        this.what = what;
        this.display = display;
        this.output = output;
        this.err = err;
        this.messages = messages;
    }

    CompletableFuture<Integer> exitStatus() {
        return exitStatus;
    }

    /** The response's status, 0 before a head arrived. */
    int status() {
        return status;
    }

    long bodyBytes() {
        return bodyBytes;
    }

    @Override
    public void onStart(HttpCall c) {
        call = c;
    }

    @Override
    public void onTlsSession(TlsSession session) {
        if (display.verbose()) {
            err.printf(Locale.ROOT, "* TLS: provider %s, %s, %s%n", session.provider(), session.protocol(),
                    session.cipherSuite());
        }
    }

    @Override
    public void onHead(HttpResponseHead head) {
        status = head.status();
        if (display.verbose()) {
            printHead(head);
        }
        if (display.fail() && status >= 400) {
            stop(Failure.HTTP_ERROR, what + ": the server answered " + status + " " + head.reason());
        } else if (display.includeHead()) {
            write(ByteBuffer.wrap(head.encode()));
        }
    }

    @Override
    public void onBody(BodyChunk chunk) {
        if (exitStatus.isDone()) {
            return;
        }
        bodyBytes += chunk.data().remaining();
        write(chunk.data());
    }

    @Override
    public void onEnd(MessageEnd end) {
        if (exitStatus.isDone()) {
            return;
        }
        if (display.verbose()) {
            err.println("* body: " + bodyBytes + " bytes, " + (end.complete() ? "whole" : "possibly truncated")
                    + ", close reason: " + (end.closeReason() == null ? "- (the framing ended the body)" : end.closeReason()));
        }
        if (!end.complete()) {
            finish(Failure.ofClose(end.closeReason(), true), what + ": the body ended with " + end.closeReason()
                    + " after " + bodyBytes + " bytes; it may be cut short (no close_notify or an incomplete length)");
            return;
        }
        try {
            output.whole();
            exitStatus.complete(Main.SUCCESS);
        } catch (IOException e) {
            finish(Failure.WRITE, "cannot write to " + output.describe() + ": " + e.getMessage());
        }
    }

    @Override
    public void onFailure(HttpClientException failure) {
        finish(Failure.of(failure), failure.getMessage());
    }

    /** Ends the transfer with {@code failure} now and aborts the exchange. */
    private void stop(Failure failure, String message) {
        finish(failure, message);
        call.cancel();
    }

    private void write(ByteBuffer data) {
        if (exitStatus.isDone()) {
            return;
        }
        try {
            output.write(data);
        } catch (IOException e) {
            stop(Failure.WRITE, "cannot write to " + output.describe() + ": " + e.getMessage());
        }
    }

    private void finish(Failure failure, String message) {
        if (!exitStatus.isDone()) {
            messages.println("meerkat get: " + failure.label() + ": " + message);
            exitStatus.complete(failure.exitStatus());
        }
    }

    private void printHead(HttpResponseHead head) {
        err.println("< " + head.version().text() + " " + head.status() + " " + head.reason());
        for (Headers.Field f : head.headers()) {
            err.println("< " + f.name() + ": " + f.value());
        }
        err.println("<");
    }
}
