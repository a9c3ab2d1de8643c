package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.fail;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.spi.TlsEngine;
import dev.meerkat.tls.spi.TlsResult;
import dev.meerkat.tls.spi.TlsResult.Status;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * One endpoint of an {@link EnginePair}: its engine, the ciphertext it sent and the peer has not
 * read yet ({@link #toPeer}, in write mode), and the plaintext it received. Fields are public so that
 * a test can look at, cut or corrupt exactly what crossed the wire.
 */
public final class EngineSide {

    /** Room for a 100 KB burst of records, so that tests can take one flight whole. */
    private static final int WIRE_CAPACITY = 128 * 1024;

    /** "client" or "server", with the provider's name when known: names the side in failure messages. */
    public final String name;
    /** The engine under test; the pair closes it. */
    public final TlsEngine engine;
    /** Ciphertext on its way to the peer, in write mode. */
    public final ByteBuffer toPeer;
    /** Every plaintext byte this side's engine produced, in order. */
    public final ByteArrayOutputStream received = new ByteArrayOutputStream();
    /** The result of the last unwrap of {@link #receive}. */
    public TlsResult lastUnwrap;
    /** The first failure {@link #tryStep} or {@link #expectFailure} saw. */
    public TlsException failure;
    private ByteBuffer outgoing = ByteBuffer.allocate(0);
    private final ByteBuffer plaintext;

    EngineSide(String name, TlsEngine engine, EnginePair.Buffers buffers) {
        this.name = name;
        this.engine = engine;
        boolean direct = buffers == EnginePair.Buffers.DIRECT;
        this.toPeer = direct ? ByteBuffer.allocateDirect(WIRE_CAPACITY) : ByteBuffer.allocate(WIRE_CAPACITY);
        int room = engine.plaintextRoom();
        this.plaintext = direct ? ByteBuffer.allocateDirect(room) : ByteBuffer.allocate(room);
    }

    /**
     * Queues application data, replacing what was queued and not yet sent; {@link #flush} sends it
     * once the handshake is complete.
     *
     * @param data the plaintext, not copied
     */
    public void send(byte[] data) {
        outgoing = ByteBuffer.wrap(data);
    }

    boolean hasDataToSend() {
        return outgoing.hasRemaining();
    }

    /**
     * Wraps handshake bytes and pending data into {@link #toPeer} until it is full or nothing is left.
     *
     * @throws TlsException   when the engine fails
     * @throws AssertionError when wrap does not stop within 10,000 steps
     */
    public void flush() throws TlsException {
        for (int step = 0; step < EnginePair.MAX_ROUNDS; step++) {
            boolean hasData = engine.isHandshakeComplete() && outgoing.hasRemaining();
            if (!engine.wantsWrap() && !hasData) {
                return;
            }
            TlsResult result = engine.wrap(outgoing, toPeer);
            if (result.status() != Status.OK || !result.madeProgress()) {
                return;
            }
        }
        fail("%s: expected wrap to stop within %d steps", name, EnginePair.MAX_ROUNDS);
    }

    /**
     * Takes what this side sent and the peer has not read yet, leaving {@link #toPeer} empty.
     *
     * @return the ciphertext bytes, possibly none
     */
    public byte[] takeSent() {
        toPeer.flip();
        byte[] bytes = new byte[toPeer.remaining()];
        toPeer.get(bytes);
        toPeer.clear();
        return bytes;
    }

    /**
     * Everything wrap produces now (data, alerts, close_notify), taken off the wire.
     *
     * @return the ciphertext, in read mode
     * @throws TlsException   when the engine fails
     * @throws AssertionError when wrap does not run dry within 10,000 flushes
     */
    public ByteBuffer wrapAll() throws TlsException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int step = 0; step < EnginePair.MAX_ROUNDS; step++) {
            flush();
            byte[] sent = takeSent();
            if (sent.length == 0) {
                return ByteBuffer.wrap(wire.toByteArray());
            }
            wire.writeBytes(sent);
        }
        return fail("%s: expected wrap to run dry within %d flushes", name, EnginePair.MAX_ROUNDS);
    }

    /**
     * Unwraps everything {@code peer} sent, collecting the plaintext. What the engine left (a partial
     * record) stays in the peer's {@link #toPeer}.
     *
     * @param peer the other side of the pair
     * @throws TlsException   when the engine fails
     * @throws AssertionError when unwrap does not stop within 10,000 steps
     */
    public void receiveFrom(EngineSide peer) throws TlsException {
        peer.toPeer.flip();
        try {
            receive(peer.toPeer);
        } finally {
            peer.toPeer.compact();
        }
    }

    /**
     * Unwraps {@code ciphertext} until the engine stops, collecting the plaintext; {@link #lastUnwrap}
     * holds the last result.
     *
     * @param ciphertext the bytes from position to limit; the position moves past what was consumed
     * @throws TlsException   when the engine fails
     * @throws AssertionError when unwrap does not stop within 10,000 steps
     */
    public void receive(ByteBuffer ciphertext) throws TlsException {
        for (int step = 0; step < EnginePair.MAX_ROUNDS; step++) {
            lastUnwrap = engine.unwrap(ciphertext, plaintext);
            collectPlaintext();
            if (!continuesAfter(lastUnwrap)) {
                return;
            }
        }
        fail("%s: expected unwrap to stop within %d steps", name, EnginePair.MAX_ROUNDS);
    }

    private static boolean continuesAfter(TlsResult result) {
        return result.status() == Status.NEEDS_OUTPUT_ROOM
                || (result.status() == Status.OK && result.madeProgress());
    }

    private void collectPlaintext() {
        plaintext.flip();
        if (plaintext.hasArray()) {
            received.write(plaintext.array(), plaintext.arrayOffset() + plaintext.position(), plaintext.remaining());
        } else {
            byte[] bytes = new byte[plaintext.remaining()];
            plaintext.get(bytes);
            received.writeBytes(bytes);
        }
        plaintext.clear();
    }

    /**
     * The digest of the plaintext received so far, to compare with {@link Payload#sha256()}.
     *
     * @return SHA-256 in lower-case hex
     */
    public String receivedSha256() {
        return Payload.of(received.toByteArray()).sha256();
    }

    /**
     * Runs {@code step} and keeps the first failure in {@link #failure}; after one, only sending (the
     * alert) goes on.
     *
     * @param step  the action
     * @param sends true when the step wraps, so it still runs after a failure to send the alert
     */
    public void tryStep(Step step, boolean sends) {
        if (failure != null && !sends) {
            return;
        }
        try {
            step.run();
        } catch (TlsException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /**
     * Runs {@code step}, which must throw; keeps its failure in {@link #failure} unless one was kept.
     *
     * @param step the action that must fail
     * @return the failure it threw
     * @throws AssertionError when the step does not fail
     */
    public TlsException expectFailure(Step step) {
        try {
            step.run();
        } catch (TlsException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
        return fail("expected %s to fail but it did not", name);
    }

    /** One action of a side that may fail with a {@link TlsException}. */
    public interface Step {
        /**
         * Runs the action.
         *
         * @throws TlsException when the engine fails
         */
        void run() throws TlsException;
    }
}
