package dev.meerkat.tls.spi;

/**
 * What one {@link TlsEngine#unwrap} or {@link TlsEngine#wrap} step did. Engines return results, not
 * exceptions, for the normal cases; exceptions are for real failures.
 *
 * @param status   what the caller should do next
 * @param consumed bytes taken from the input buffer
 * @param produced bytes written to the output buffer
 */
public record TlsResult(Status status, int consumed, int produced) {

    /** What the caller of a step should do next. */
    public enum Status {
        /** Progress may continue: call again. */
        OK,
        /** Nothing more can be done without more input (a partial record, or no input). */
        NEEDS_INPUT,
        /** The output buffer has too little room; give at least {@link TlsEngine#plaintextRoom()}. */
        NEEDS_OUTPUT_ROOM,
        /** unwrap: the peer's close_notify was read. wrap: our close_notify is fully produced. */
        CLOSED
    }

    /**
     * {@return a result}
     *
     * @param status   what the caller should do next
     * @param consumed bytes taken from the input buffer
     * @param produced bytes written to the output buffer
     */
    public static TlsResult of(Status status, int consumed, int produced) {
        return new TlsResult(status, consumed, produced);
    }

    /** {@return true when the step consumed or produced at least one byte} */
    public boolean madeProgress() {
        return consumed > 0 || produced > 0;
    }
}
