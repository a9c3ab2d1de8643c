package dev.meerkat;

/** A scheduled timer; cancel it to stop it. */
public interface Timer {
    void cancel();
}
