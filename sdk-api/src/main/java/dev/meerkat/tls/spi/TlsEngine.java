package dev.meerkat.tls.spi;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsSession;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * One TLS connection as a pure byte transform: ciphertext in, plaintext out, and back. No sockets,
 * no threads, no events, no decisions about closing: the core's TLS layer drives every engine the
 * same way and owns the drain at end of input.
 *
 * <p>Contract for implementations:
 * <ul>
 * <li>{@link #unwrap} processes handshake messages and decrypts application records, as many as fit
 *     in {@code out}. A partial record may be left unconsumed in {@code in} or taken into the engine;
 *     {@link #inputEnded} must report it either way.</li>
 * <li>{@link #wrap} produces pending handshake messages, alerts and close_notify first, then
 *     application data from {@code in} (only once the handshake is complete).</li>
 * <li>Data that arrived in the same input as close_notify is returned before CLOSED.</li>
 * <li>After a {@link TlsException} from unwrap, {@link #wantsWrap()} may be true: the fatal alert to
 *     send, produced by {@link #wrap} with an empty input.</li>
 * <li>{@link #close()} frees every resource, also native, exactly once; it is idempotent.</li>
 * </ul>
 */
public interface TlsEngine extends AutoCloseable {

    /**
     * Feeds ciphertext from {@code in} (position to limit) and writes plaintext into {@code out}.
     *
     * @param in  ciphertext from the peer; its position moves past what was consumed
     * @param out room for plaintext; its position moves past what was produced
     * @return the status and the byte counts of this step
     * @throws TlsException when the handshake or a record fails, with the shared {@link TlsException.Kind}
     */
    TlsResult unwrap(ByteBuffer in, ByteBuffer out) throws TlsException;

    /**
     * Writes ciphertext into {@code out}: pending handshake/alert bytes, then data from {@code in}.
     *
     * @param in  plaintext to encrypt; taken only once the handshake completed
     * @param out room for ciphertext; its position moves past what was produced
     * @return the status and the byte counts of this step
     * @throws TlsException when the handshake or the engine fails, with the shared {@link TlsException.Kind}
     */
    TlsResult wrap(ByteBuffer in, ByteBuffer out) throws TlsException;

    /** {@return true when the engine has ciphertext to send without new application data} */
    boolean wantsWrap();

    /** {@return true once the handshake completed (stays true)} */
    boolean isHandshakeComplete();

    /** {@return true once the peer's close_notify was read} */
    boolean isInboundDone();

    /** Queues our close_notify; the following wraps produce it. Idempotent. */
    void closeOutbound();

    /** {@return true once our close_notify was fully produced by {@link #wrap}} */
    boolean isOutboundDone();

    /** {@return the free room in bytes {@code out} must have for {@link #unwrap} to decrypt a whole record} */
    int plaintextRoom();

    /**
     * The input ended (EOF). Called once, after {@link #unwrap} could make no more progress.
     * {@code leftover} holds the ciphertext the engine did not consume. Returns
     * {@link InputEnd#CLOSE_NOTIFY} when close_notify was read, {@link InputEnd#INSIDE_RECORD} when
     * bytes of an incomplete record remain (in {@code leftover} or inside the engine), else
     * {@link InputEnd#BETWEEN_RECORDS}.
     *
     * @param leftover the ciphertext {@link #unwrap} left unconsumed, position to limit
     * @return how the input ended
     */
    InputEnd inputEnded(ByteBuffer leftover);

    /** {@return the session once the handshake completed, else null} */
    @Nullable TlsSession session();

    /** Frees every resource of the engine, native ones included, exactly once. Idempotent. */
    @Override
    void close();
}
