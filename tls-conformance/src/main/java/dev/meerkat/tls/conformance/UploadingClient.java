package dev.meerkat.tls.conformance;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A client that sends an HTTP request head and a large body at once when the handshake completed,
 * then reads everything the server sends. It tells when its output backed up: the kernel took
 * nothing over {@link #STILL_POLLS} polls, each of which waited for an event that did not come.
 */
final class UploadingClient implements Handler {

    private static final int STILL_POLLS = 10;

    private final int bodyLength;
    private final long responseLength;
    private final EventLog log = new EventLog();
    private long lastQueued = -1;
    private int stillPolls;
    private long queuedAtResponse = -1;

    UploadingClient(int bodyLength, long responseLength) {
        this.bodyLength = bodyLength;
        this.responseLength = responseLength;
    }

    EventLog log() {
        return log;
    }

    /** True once the queued upload stayed the same over several polls. */
    boolean outputBackedUp() {
        return stillPolls >= STILL_POLLS;
    }

    /** Bytes of the upload still queued when the whole response had arrived; -1 before. */
    long queuedAtResponse() {
        return queuedAtResponse;
    }

    /** The whole upload: what {@link dev.meerkat.Options#sendLimit()} must allow. */
    int uploadLength() {
        return head().length + bodyLength;
    }

    @Override
    public void handle(Connection connection, Event event) {
        log.record(event);
        if (event instanceof Event.TlsHandshake && !connection.send(upload())) {
            throw new IllegalStateException("expected the client to queue a " + uploadLength()
                    + "-byte upload on connection " + connection.id() + " but send() refused it");
        } else if (event instanceof Event.Poll) {
            long queued = connection.queuedBytes();
            stillPolls = queued > 0 && queued == lastQueued ? stillPolls + 1 : 0;
            lastQueued = queued;
        } else if (event instanceof Event.Read && queuedAtResponse < 0 && log.bytes() >= responseLength) {
            queuedAtResponse = connection.queuedBytes();
        }
    }

    private ByteBuffer upload() {
        return ByteBuffer.allocate(uploadLength()).put(head()).position(uploadLength()).flip();
    }

    private byte[] head() {
        return ("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + bodyLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
