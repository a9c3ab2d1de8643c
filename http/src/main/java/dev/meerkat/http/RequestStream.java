package dev.meerkat.http;

import dev.meerkat.Manager;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One sending of a {@link RequestBody} into a connection's {@link Outbox}: the producer runs while
 * the outbox is writable and again when it drains, so at most about one send window is held;
 * chunked framing when the length is unknown, the declared length checked.
 */
final class RequestStream implements BodySink {

    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final RequestBody body;
    private final Outbox outbox;
    private final Manager manager;
    private final Consumer<String> failed;
    private long written;
    private boolean ended;
    private boolean stopped;

    /** {@code failed} gets what went wrong when the producer failed or broke its length. */
    RequestStream(RequestBody body, Outbox outbox, Manager manager, Consumer<String> failed) {
        this.body = body;
        this.outbox = outbox;
        this.manager = manager;
        this.failed = failed;
    }

    /** True once the whole body is in the outbox. */
    boolean ended() {
        return ended;
    }

    /** The exchange is over or the connection closed: the producer is not called again. */
    void stop() {
        stopped = true;
    }

    /** Runs the producer while the outbox takes more; waits for it to drain, or for {@link #ready()}. */
    void pump() {
        while (!ended && !stopped && outbox.isWritable()) {
            long before = written;
            try {
                body.produce(this);
            } catch (Exception e) {
                fail("the request body failed: " + e);
                return;
            }
            if (written == before) {
                break;
            }
        }
        if (!ended && !stopped && !outbox.isWritable()) {
            outbox.onWritable(this::pump);
        }
    }

    @Override
    public boolean write(ByteBuffer data) {
        int count = data.remaining();
        if (ended || stopped || count == 0) {
            return !ended && !stopped && outbox.isWritable();
        }
        if (body.length() >= 0 && written + count > body.length()) {
            fail("expected a request body of " + body.length() + " bytes but the producer wrote more");
            return false;
        }
        byte[] copy = new byte[count];
        data.get(copy);
        if (body.length() < 0) {
            outbox.add((Integer.toHexString(count) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            outbox.add(copy);
            outbox.add(CRLF);
        } else {
            outbox.add(copy);
        }
        written += count;
        return outbox.isWritable();
    }

    @Override
    public void end() {
        if (ended || stopped) {
            return;
        }
        ended = true;
        if (body.length() >= 0 && written != body.length()) {
            fail("expected a request body of " + body.length() + " bytes but the producer ended after " + written);
        } else if (body.length() < 0) {
            outbox.add(LAST_CHUNK);
        }
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void ready() {
        manager.execute(this::pump);
    }

    private void fail(String what) {
        stopped = true;
        failed.accept(what);
    }
}
