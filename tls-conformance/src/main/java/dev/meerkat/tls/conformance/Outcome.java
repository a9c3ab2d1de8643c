package dev.meerkat.tls.conformance;

import dev.meerkat.CloseReason;
import dev.meerkat.tls.TlsException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one side of a connection observed, in the form every provider must match exactly: the event
 * signature ({@link EventLog#signature()}), the plaintext delivered (count and SHA-256), the close
 * reason and, for ERROR, the {@link TlsException.Kind} in the cause chain.
 *
 * @param events    the event signature: event names in order, a run of Reads as one
 * @param bytes     plaintext bytes delivered
 * @param sha256    SHA-256 in hex of the plaintext delivered
 * @param reason    the close reason
 * @param errorKind the TLS failure's kind for an ERROR close, else null
 */
public record Outcome(List<String> events, long bytes, String sha256, CloseReason reason, TlsException.Kind errorKind) {

    /** A client's first events; the core resolves even an IP literal off the loop thread. */
    private static final List<String> CONNECTED = List.of("Open", "Resolve", "Connect");

    /**
     * What {@code log} observed.
     *
     * @param log a connection's events, closed or not
     * @return its outcome
     */
    public static Outcome of(EventLog log) {
        return new Outcome(log.signature(), log.bytes(), log.sha256(), log.reason(), log.errorKind());
    }

    /**
     * What the drain invariant demands of a client that read the first {@code count} bytes of
     * {@code payload} and then saw the end classified as {@code reason}: Open, Resolve, Connect,
     * TlsHandshake, one run of Reads (none when nothing was delivered), then one Close.
     *
     * @param payload the bytes the peer sent
     * @param count   how many of them, from the start, were delivered
     * @param reason  how the end was classified
     * @return the expected outcome
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

    /**
     * A connection that failed before its handshake completed: an Error event, then Close(ERROR).
     *
     * @param kind the kind the failure must carry in its cause chain
     * @return the expected outcome
     */
    public static Outcome failedHandshake(TlsException.Kind kind) {
        List<String> events = new ArrayList<>(CONNECTED);
        events.addAll(List.of("Error", "Close(ERROR)"));
        return new Outcome(events, 0, Payload.of(new byte[0]).sha256(),
                CloseReason.ERROR, kind);
    }
}
