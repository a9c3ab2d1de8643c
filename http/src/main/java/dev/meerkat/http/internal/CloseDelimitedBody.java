package dev.meerkat.http.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpPart;
import dev.meerkat.http.MessageEnd;
import java.nio.ByteBuffer;

/**
 * A response body that ends when the connection ends (RFC 9112 §6.3 rule 8). It is complete only
 * when the end was {@link CloseReason#CLEAN}: a TLS stream cut without close_notify may have lost
 * its tail, which is how Mongoose 2570 returned silently short bodies.
 */
public final class CloseDelimitedBody implements BodyDecoder {

    @Override
    public HttpPart next(ByteBuffer in) {
        return in.hasRemaining() ? Slices.take(in, in.remaining()) : null;
    }

    @Override
    public MessageEnd endOfInput(CloseReason reason) {
        return new MessageEnd(Headers.empty(), reason == CloseReason.CLEAN, reason);
    }
}
