package dev.meerkat.tls.conformance;

import dev.meerkat.CloseReason;
import dev.meerkat.Event;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsSession;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one side of a connection saw: its events in order, with consecutive Reads and Writes
 * collapsed into one entry and Polls left out, every plaintext byte it read (count and SHA-256),
 * and how it closed. Read events are consumed whole. Used on the manager's thread only; read it
 * once the connection closed.
 */
public final class EventLog {

    private final List<String> entries = new ArrayList<>();
    private final MessageDigest digest = Payload.newDigest();
    private long bytes;
    private TlsSession session;
    private Throwable error;
    private CloseReason reason;

    /** An empty log, for one connection. */
    public EventLog() {
    }

    /**
     * Records {@code event}; a Read's bytes are all consumed. Call it from the connection's handler,
     * on the loop thread.
     *
     * @param event the event the connection's handler received
     */
    public void record(Event event) {
        if (event instanceof Event.Poll) {
            return;
        }
        if (event instanceof Event.Read read) {
            consume(read.data());
        } else if (event instanceof Event.TlsHandshake handshake) {
            session = handshake.session();
        } else if (event instanceof Event.Error failure) {
            error = failure.cause();
        } else if (event instanceof Event.Close close) {
            reason = close.reason();
            error = close.cause() != null ? close.cause() : error;
        }
        append(entryFor(event));
    }

    /**
     * Every entry, Writes included, for failure messages.
     *
     * @return a copy of the entries: event names, Close with its reason
     */
    public List<String> entries() {
        return List.copyOf(entries);
    }

    /**
     * The entries without Writes and Writability changes: what the suite compares. Those report when
     * the kernel took this side's own bytes (the request, a close_notify reply) and interleave with
     * Reads depending on timing; they say nothing about the delivery of the peer's bytes. Reads that
     * only those separated are one run of Reads.
     *
     * @return a new list of the compared entries
     */
    public List<String> signature() {
        List<String> signature = new ArrayList<>();
        for (String entry : entries) {
            boolean output = entry.equals("Write") || entry.equals("Writability");
            boolean repeatedRead = entry.equals("Read") && !signature.isEmpty()
                    && signature.get(signature.size() - 1).equals(entry);
            if (!output && !repeatedRead) {
                signature.add(entry);
            }
        }
        return signature;
    }

    /**
     * Plaintext bytes read so far.
     *
     * @return the byte count
     */
    public long bytes() {
        return bytes;
    }

    /**
     * The digest of every byte read so far.
     *
     * @return SHA-256 in lower-case hex
     */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable on every JDK", e);
        }
    }

    /**
     * Whether the Close event was recorded.
     *
     * @return true once the connection closed
     */
    public boolean isClosed() {
        return reason != null;
    }

    /**
     * The reason of the Close event.
     *
     * @return the close reason, or null while open
     */
    public @Nullable CloseReason reason() {
        return reason;
    }

    /**
     * The session of the TlsHandshake event.
     *
     * @return the session, or null when there was none
     */
    public @Nullable TlsSession session() {
        return session;
    }

    /**
     * The failure the connection reported.
     *
     * @return the Close cause, else the last Error's cause; null when there was no failure
     */
    public @Nullable Throwable error() {
        return error;
    }

    /**
     * The TLS failure's kind, what the suite compares across providers.
     *
     * @return the kind of the first {@link TlsException} in the failure's cause chain, or null
     */
    public TlsException.@Nullable Kind errorKind() {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TlsException tls) {
                return tls.kind();
            }
        }
        return null;
    }

    private void consume(ByteBuffer data) {
        int count = data.remaining();
        digest.update(data);
        bytes += count;
    }

    private static String entryFor(Event event) {
        if (event instanceof Event.Close close) {
            return "Close(" + close.reason() + ")";
        }
        return event.getClass().getSimpleName();
    }

    private void append(String entry) {
        boolean collapses = entry.equals("Read") || entry.equals("Write");
        if (collapses && !entries.isEmpty() && entries.get(entries.size() - 1).equals(entry)) {
            return;
        }
        entries.add(entry);
    }

    @Override
    public String toString() {
        return entries + " bytes=" + bytes + " reason=" + reason + (error == null ? "" : " error=" + error);
    }
}
