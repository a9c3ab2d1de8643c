package dev.meerkat.http;

import java.nio.ByteBuffer;

/** Where a {@link RequestBody} writes; every method but {@link #ready()} on the manager's thread. */
public interface BodySink {

    /**
     * Sends the bytes of {@code data} from position to limit (copied: the buffer may be reused);
     * false when the connection is full: stop, {@link RequestBody#produce} is called again when it
     * has room.
     *
     * @param data the bytes to send; all of them are taken and its position moves to its limit
     * @return true when the connection can take more now, false to stop until {@link RequestBody#produce}
     *     is called again
     */
    boolean write(ByteBuffer data);

    /**
     * The body is whole. A declared length must have been written exactly: a shorter body fails the
     * exchange with {@link HttpClientException.Kind#REQUEST_BODY}, as a longer write does.
     */
    void end();

    /**
     * Bytes written so far in this sending of the body; back to 0 when a replayable body is sent again.
     *
     * @return the byte count
     */
    long written();

    /** Thread-safe: the producer, which had nothing, has bytes now; {@link RequestBody#produce} is called again. */
    void ready();
}
