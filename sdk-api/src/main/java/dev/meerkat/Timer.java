package dev.meerkat;

/** A scheduled timer; cancel it to stop it. */
public interface Timer {
    /**
     * Stops the timer: it fires no more, and a repeating one stops repeating. Cancelling a timer
     * that already fired or was cancelled does nothing. Call it on the loop thread.
     */
    void cancel();
}
