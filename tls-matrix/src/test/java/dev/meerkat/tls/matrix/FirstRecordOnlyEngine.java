package dev.meerkat.tls.matrix;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.spi.InputEnd;
import dev.meerkat.tls.spi.TlsEngine;
import dev.meerkat.tls.spi.TlsResult;
import java.nio.ByteBuffer;

/**
 * A deliberately broken engine that behaves like Mongoose before its drain fixes (issues 2570,
 * 2668): after the handshake it decrypts only the first record of each batch of input and then
 * reports NEEDS_INPUT without progress, so records that arrived with it (and close_notify) stay
 * undecrypted until more input comes, and at EOF none comes. Everything else is the real engine.
 */
final class FirstRecordOnlyEngine implements TlsEngine {

    private static final int HEADER = 5;

    private final TlsEngine real;
    /** {@code in.remaining()} right after the last decrypt; a batch is over until input grows past it. */
    private int remainingAfterDecrypt = -1;

    FirstRecordOnlyEngine(TlsEngine real) {
        this.real = real;
    }

    @Override
    public TlsResult unwrap(ByteBuffer in, ByteBuffer out) throws TlsException {
        if (!real.isHandshakeComplete()) {
            return real.unwrap(in, out);
        }
        if (remainingAfterDecrypt >= 0 && in.remaining() <= remainingAfterDecrypt) {
            return TlsResult.of(TlsResult.Status.NEEDS_INPUT, 0, 0);
        }
        ByteBuffer firstRecord = in.duplicate().limit(firstRecordEnd(in));
        TlsResult result = real.unwrap(firstRecord, out);
        in.position(firstRecord.position());
        if (result.produced() > 0) {
            remainingAfterDecrypt = in.remaining();
        }
        return result;
    }

    private static int firstRecordEnd(ByteBuffer in) {
        if (in.remaining() < HEADER) {
            return in.limit();
        }
        int p = in.position();
        int length = ((in.get(p + 3) & 0xff) << 8) | (in.get(p + 4) & 0xff);
        return Math.min(in.limit(), p + HEADER + length);
    }

    @Override
    public TlsResult wrap(ByteBuffer in, ByteBuffer out) throws TlsException {
        return real.wrap(in, out);
    }

    @Override
    public boolean wantsWrap() {
        return real.wantsWrap();
    }

    @Override
    public boolean isHandshakeComplete() {
        return real.isHandshakeComplete();
    }

    @Override
    public boolean isInboundDone() {
        return real.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        real.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return real.isOutboundDone();
    }

    @Override
    public int plaintextRoom() {
        return real.plaintextRoom();
    }

    @Override
    public InputEnd inputEnded(ByteBuffer leftover) {
        return real.inputEnded(leftover);
    }

    @Override
    public TlsSession session() {
        return real.session();
    }

    @Override
    public void close() {
        real.close();
    }
}
