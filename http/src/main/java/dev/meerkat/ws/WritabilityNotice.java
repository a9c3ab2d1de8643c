package dev.meerkat.ws;

/**
 * When a WebSocket tells its user, with {@link WsEvent.Writability}, that it can take messages again
 * or no longer can. The connection's own Writability events do not suffice: a queue filled by a
 * send and drained by the next write shows no change at the next poll, yet a user who saw
 * {@link WebSocket#isWritable()} false waits for a Writability(true). So a send that left the socket
 * unwritable, or was refused, owes one.
 */
final class WritabilityNotice {

    private boolean announced = true;
    private boolean owed;

    /** A send returned; {@code writableNow} is what the user would see now. */
    void sent(boolean accepted, boolean writableNow) {
        owed |= !accepted || !writableNow;
    }

    /** Whether a Writability event carrying {@code writable} is due, at an output event. */
    boolean due(boolean writable) {
        boolean due = writable ? !announced || owed : announced;
        announced = writable;
        owed &= !writable;
        return due;
    }
}
