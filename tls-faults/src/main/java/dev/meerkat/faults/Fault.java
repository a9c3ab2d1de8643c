package dev.meerkat.faults;

/**
 * What a {@link FaultProxy} does to the server's byte stream (the client's bytes always pass
 * unchanged). Faults fall into groups, and a proxy takes at most one of each, so that for
 * instance one-byte segments combine with a cut; the start, end and limit groups exclude each other
 * because each ends the stream:
 *
 * <table>
 * <caption>Faults</caption>
 * <tr><th>group</th><th>fault</th><th>what the client receives</th></tr>
 * <tr><td>start</td><td>{@link Garbage}</td><td>non-TLS bytes instead of the server's first flight, then FIN</td></tr>
 * <tr><td>start</td><td>{@link CloseDuringHandshake}</td><td>the server's first handshake record, then FIN</td></tr>
 * <tr><td>segments</td><td>{@link OneByteSegments}</td><td>every byte in its own write (TCP_NODELAY)</td></tr>
 * <tr><td>pace</td><td>{@link Delay}</td><td>every write held back by a fixed time</td></tr>
 * <tr><td>limit</td><td>{@link CutAfter}</td><td>the first N bytes of the stream, then FIN</td></tr>
 * <tr><td>limit</td><td>{@link ResetAfter}</td><td>the first N bytes of the stream, then RST</td></tr>
 * <tr><td>end</td><td>{@link CoalesceClose}</td><td>the response, its close_notify and FIN in one write</td></tr>
 * <tr><td>end</td><td>{@link HoldBeyondReadCap}</td><td>the same, checked to be more than
 *     {@link #MONGOOSE_READ_CAP} bytes</td></tr>
 * <tr><td>end</td><td>{@link DropCloseNotify}</td><td>the response without close_notify, then FIN</td></tr>
 * <tr><td>end</td><td>{@link CutBeforeEnd}</td><td>the response up to a point counted from its end, then FIN</td></tr>
 * <tr><td>end</td><td>{@link PartialRecordAtEnd}</td><td>the response with half of its last data record, then FIN</td></tr>
 * <tr><td>end</td><td>{@link ResetAfterData}</td><td>the response without close_notify, then RST once
 *     the client has read it</td></tr>
 * </table>
 *
 * <p>End faults act on the <em>response</em>: every record the server sends after
 * {@link FaultProxy#arm()} until its FIN. The proxy holds those records and applies the fault when
 * the server's FIN arrives, so the last record is known to be the server's close_notify. Positions
 * count from the end because a TLS 1.3 server may send a NewSessionTicket just before the response.
 */
public sealed interface Fault {

    /** Mongoose reads at most 16 KiB + 40 bytes of ciphertext per read (issues 2570, 3104). */
    int MONGOOSE_READ_CAP = 16 * 1024 + 40;

    /** Replaces the server's first flight with a plaintext HTTP answer and FIN; the client must see a protocol error. */
    record Garbage() implements Fault {}

    /** Forwards the server's first record (the ServerHello) and ends the stream with FIN. */
    record CloseDuringHandshake() implements Fault {}

    /** Writes every byte in its own segment, as Okio's OneByteAtATimeSource does, because it finds bugs. */
    record OneByteSegments() implements Fault {}

    /** The response's data records, its close_notify and FIN in one segment (Mongoose 2570, 2668). */
    record CoalesceClose() implements Fault {}

    /** Like {@link CoalesceClose}, and fails unless the response is larger than {@link #MONGOOSE_READ_CAP}. */
    record HoldBeyondReadCap() implements Fault {}

    /** Strips the close_notify record: the client sees whole records and FIN (TRUNCATED_NO_CLOSE_NOTIFY). */
    record DropCloseNotify() implements Fault {}

    /**
     * Delivers the response up to {@code bytesInto} bytes of the record that is {@code records}
     * records before the end, then FIN. {@code (1, 0)} drops only the close_notify; {@code (2, 0)}
     * also the last data record; a positive {@code bytesInto} cuts inside that record.
     *
     * <p>A cut that does not fit the response (more records than it holds, or {@code bytesInto} not
     * inside the record) is found only when the response is complete: the proxy then reports it
     * through {@link FaultProxy#assertNoFailure()}.
     *
     * @param records which record the cut falls in, counted from the end of the response: 1 is the
     *     close_notify, 2 the last data record
     * @param bytesInto how many bytes of that record, header included, still reach the client
     */
    record CutBeforeEnd(int records, int bytesInto) implements Fault {
        /**
         * Checks the position.
         *
         * @param records which record the cut falls in, counted from the end; at least 1
         * @param bytesInto how many bytes of that record reach the client; 0 or more
         * @throws IllegalArgumentException if {@code records} is below 1 or {@code bytesInto} is negative
         */
        public CutBeforeEnd {
            if (records < 1 || bytesInto < 0) {
                throw new IllegalArgumentException("expected records >= 1 and bytesInto >= 0 but were "
                        + records + " and " + bytesInto);
            }
        }
    }

    /** Drops the close_notify and the second half of the last data record, then FIN. */
    record PartialRecordAtEnd() implements Fault {}

    /**
     * Delivers the response without close_notify, waits until {@link FaultProxy#clientReadResponse()}
     * (a reset can only deliver what the client read before it), then resets the connection.
     */
    record ResetAfterData() implements Fault {}

    /**
     * Delivers the first {@code bytes} bytes of the server's stream, then FIN (wherever that falls in a record).
     *
     * @param bytes how many bytes of the server's stream reach the client, counted from its first byte
     *     and per connection
     */
    record CutAfter(long bytes) implements Fault {
        /**
         * Checks the count.
         *
         * @param bytes how many bytes reach the client; 0 or more
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public CutAfter {
            requireNotNegative(bytes);
        }
    }

    /**
     * Delivers the first {@code bytes} bytes of the server's stream, then resets the connection.
     *
     * @param bytes how many bytes of the server's stream reach the client before the RST, counted from
     *     its first byte and per connection
     */
    record ResetAfter(long bytes) implements Fault {
        /**
         * Checks the count.
         *
         * @param bytes how many bytes reach the client; 0 or more
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public ResetAfter {
            requireNotNegative(bytes);
        }
    }

    /**
     * Holds every write to the client back by {@code millis} milliseconds: a slow path, not a broken one.
     *
     * @param millis how long each write to the client waits, in milliseconds; 0 adds no wait
     */
    record Delay(long millis) implements Fault {
        /**
         * Checks the time.
         *
         * @param millis how long each write waits, in milliseconds; 0 or more
         * @throws IllegalArgumentException if {@code millis} is negative
         */
        public Delay {
            requireNotNegative(millis);
        }
    }

    private static void requireNotNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("expected a count >= 0 but was " + value);
        }
    }

    /**
     * Whether this fault belongs to the limit group ({@link CutAfter}, {@link ResetAfter}).
     *
     * @return true for faults that end the stream after a number of bytes
     */
    default boolean isLimitFault() {
        return this instanceof CutAfter || this instanceof ResetAfter;
    }

    /**
     * Whether this fault belongs to the start group ({@link Garbage}, {@link CloseDuringHandshake}).
     *
     * @return true for faults that act on the start of the stream
     */
    default boolean isStartFault() {
        return this instanceof Garbage || this instanceof CloseDuringHandshake;
    }

    /**
     * Whether this fault belongs to the end group: any fault that is neither a start fault, a limit
     * fault, {@link OneByteSegments} nor {@link Delay}.
     *
     * @return true for faults that act on the response held until the server's FIN
     */
    default boolean isEndFault() {
        return !isStartFault() && !isLimitFault() && !(this instanceof OneByteSegments) && !(this instanceof Delay);
    }
}
