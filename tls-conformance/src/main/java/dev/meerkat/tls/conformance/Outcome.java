package dev.meerkat.tls.conformance;

import dev.meerkat.CloseReason;
import dev.meerkat.tls.TlsException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one side of a connection observed, in the form every provider must match exactly: the event
 * signature ({@link EventLog#signature()}), the plaintext delivered (count and SHA-256), the close
 * reason and, for ERROR, the {@link TlsException.Kind} in the cause chain.
 */
public record Outcome(List<String> events, long bytes, String sha256, CloseReason reason, TlsException.Kind errorKind) {

    /** A client's first events; the core resolves even an IP literal off the loop thread. */
    private static final List<String> CONNECTED = List.of("Open", "Resolve", "Connect");

    public static Outcome of(EventLog log) {
        return new Outcome(log.signature(), log.bytes(), log.sha256(), log.reason(), log.errorKind());
    }

    /**
     * What the drain invariant demands of a client that read the first {@code count} bytes of
     * {@code payload} and then saw the end classified as {@code reason}: Open, Resolve, Connect,
     * TlsHandshake, one run of Reads (none when nothing was delivered), then one Close.
     */
    public static Outcome delivered(Payload payload, int count, CloseReason reason) {
        List<String> events = new ArrayList<>(CONNECTED);
        events.add("TlsHandshake");
        if (count > 0) {
            events.add("Read");
        }
        events.add("Close(" + reason + ")");
        return new Outcome(events, count, payload.sha256Of(count), reason, null);
    }

    /** A connection that failed before its handshake completed: an Error event, then Close(ERROR). */
    public static Outcome failedHandshake(TlsException.Kind kind) {
        List<String> events = new ArrayList<>(CONNECTED);
        events.addAll(List.of("Error", "Close(ERROR)"));
        return new Outcome(events, 0, Payload.of(new byte[0]).sha256(),
                CloseReason.ERROR, kind);
    }
}
