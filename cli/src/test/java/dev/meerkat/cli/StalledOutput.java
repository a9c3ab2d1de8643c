package dev.meerkat.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * A stdout nobody reads: writes are kept until {@link #stall()}, after which every write blocks, as
 * on a full pipe, until {@link #close()}; the writes it let through are then kept.
 */
final class StalledOutput extends OutputStream {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean stalled;

    void stall() {
        stalled = true;
    }

    /** What was written before the stall and after the close. */
    synchronized String kept() {
        return kept.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (stalled) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (this) {
            kept.write(bytes, offset, length);
        }
    }

    @Override
    public void close() {
        stalled = false;
        released.countDown();
    }
}
