package dev.meerkat.internal;

/**
 * Write watermarks, as Netty's ChannelOutboundBuffer keeps them: a connection turns unwritable when
 * its queued bytes rise above the high watermark and writable again only when they fall to the low
 * one, so a producer is not woken for every few bytes the socket takes.
 */
final class Writability {
    private final long low;
    private final long high;
    private boolean writable = true;
    private boolean announced = true;
    /** Unwritable at some point since the last announcement: a producer may be waiting for true. */
    private boolean dipped;

    Writability(long low, long high) {
        this.low = low;
        this.high = high;
    }

    boolean isWritable() {
        return writable;
    }

    /** Re-evaluates against the bytes queued now. */
    void update(long queued) {
        if (writable && queued > high) {
            writable = false;
            dipped = true;
        } else if (!writable && queued <= low) {
            writable = true;
        }
    }

    /**
     * True once per change since the last call: the Writability event is owed. A dip that drained
     * before it was announced still owes a Writability(true): whoever saw isWritable() false waits
     * for it.
     */
    boolean takeChange() {
        boolean owed = writable ? !announced || dipped : announced;
        announced = writable;
        dipped = false;
        return owed;
    }
}
