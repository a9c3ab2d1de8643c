package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.spi.TlsEngine;
import dev.meerkat.tls.spi.TlsResult;
import java.nio.ByteBuffer;

/**
 * Drives one engine until it can make no more progress, the way the core's TLS layer does: the JDK
 * engine takes one record per call, OpenSSL-family engines take all input at once and hand the
 * plaintext out over several calls. A stalled engine is a failure, never an endless loop.
 */
final class Transfer {

    /** The largest TLS record: 5-byte header plus 2^14 + 2048 bytes (RFC 5246 section 6.2.3). */
    static final int MAX_RECORD = 5 + 16384 + 2048;

    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0);

    private Transfer() {
    }

    /** Room for the ciphertext of {@code plaintextBytes} in full records, plus one spare record. */
    static int wireCapacity(int plaintextBytes) {
        int records = (plaintextBytes + 16383) / 16384;
        return (records + 1) * MAX_RECORD;
    }

    /** Wraps every byte of {@code plaintext}, and anything the engine has pending, into {@code wire}. */
    static void wrapAll(TlsEngine engine, ByteBuffer plaintext, ByteBuffer wire) throws TlsException {
        while (plaintext.hasRemaining() || engine.wantsWrap()) {
            TlsResult result = engine.wrap(plaintext, wire);
            if (!result.madeProgress()) {
                throw stalled("wrap", result, plaintext, wire);
            }
        }
    }

    /** Wraps only what the engine has pending: handshake messages, tickets, alerts. */
    static void wrapPending(TlsEngine engine, ByteBuffer wire) throws TlsException {
        wrapAll(engine, NO_DATA, wire);
    }

    /** Unwraps every whole record of {@code wire} into {@code plaintext}; returns the plaintext bytes produced. */
    static int unwrapAll(TlsEngine engine, ByteBuffer wire, ByteBuffer plaintext) throws TlsException {
        int produced = 0;
        while (true) {
            TlsResult result = engine.unwrap(wire, plaintext);
            produced += result.produced();
            if (!result.madeProgress()) {
                if (result.status() == TlsResult.Status.NEEDS_OUTPUT_ROOM) {
                    throw stalled("unwrap", result, wire, plaintext);
                }
                return produced;
            }
        }
    }

    private static IllegalStateException stalled(String step, TlsResult result, ByteBuffer in, ByteBuffer out) {
        return new IllegalStateException("expected " + step + " to make progress but it returned " + result
                + " with " + in.remaining() + " input bytes left and " + out.remaining() + " bytes of output room");
    }
}
