package dev.meerkat.http;

import java.nio.ByteBuffer;

/** Where a {@link RequestBody} writes; every method but {@link #ready()} on the manager's thread. */
public interface BodySink {

    /**
     * Sends the bytes of {@code data} from position to limit (copied: the buffer may be reused);
     * false when the connection is full: stop, {@link RequestBody#produce} is called again when it
     * has room.
     */
    boolean write(ByteBuffer data);

    /** The body is whole. A declared length must have been written exactly. */
    void end();

    /** Bytes written so far in this sending of the body. */
    long written();

    /** Thread-safe: the producer, which had nothing, has bytes now; {@link RequestBody#produce} is called again. */
    void ready();
}
