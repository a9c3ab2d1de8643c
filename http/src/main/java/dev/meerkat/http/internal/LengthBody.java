package dev.meerkat.http.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.http.BodyChunk;
import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpPart;
import dev.meerkat.http.MessageEnd;
import java.nio.ByteBuffer;

/** A body of Content-Length bytes; complete once they all came, whatever happens after. */
public final class LengthBody implements BodyDecoder {

    private long remaining;

    public LengthBody(long length) {
        this.remaining = length;
    }

    @Override
    public HttpPart next(ByteBuffer in) {
        if (remaining == 0) {
            return MessageEnd.completed(Headers.empty());
        }
        if (!in.hasRemaining()) {
            return null;
        }
        int n = (int) Math.min(remaining, in.remaining());
        remaining -= n;
        return Slices.take(in, n);
    }

    @Override
    public MessageEnd endOfInput(CloseReason reason) {
        return new MessageEnd(Headers.empty(), remaining == 0, reason);
    }
}
