package dev.meerkat.http.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpPart;
import dev.meerkat.http.MessageEnd;
import java.nio.ByteBuffer;

/** A message without body: a request without length, HEAD, 1xx, 204 and 304 responses. */
public final class NoBody implements BodyDecoder {

    /** Stateless, as its end is: one for every message, none allocated per request. */
    public static final NoBody INSTANCE = new NoBody();
    private static final MessageEnd END = MessageEnd.completed(Headers.empty());

    private NoBody() {
    }

    @Override
    public HttpPart next(ByteBuffer in) {
        return END;
    }

    @Override
    public MessageEnd endOfInput(CloseReason reason) {
        return END;
    }
}
