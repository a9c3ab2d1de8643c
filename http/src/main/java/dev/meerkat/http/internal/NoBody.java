package dev.meerkat.http.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpPart;
import dev.meerkat.http.MessageEnd;
import java.nio.ByteBuffer;

/** A message without body: a request without length, HEAD, 1xx, 204 and 304 responses. */
public final class NoBody implements BodyDecoder {

    @Override
    public HttpPart next(ByteBuffer in) {
        return MessageEnd.completed(Headers.empty());
    }

    @Override
    public MessageEnd endOfInput(CloseReason reason) {
        return MessageEnd.completed(Headers.empty());
    }
}
