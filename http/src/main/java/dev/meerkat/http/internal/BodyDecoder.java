package dev.meerkat.http.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.http.HttpPart;
import dev.meerkat.http.MessageEnd;
import java.nio.ByteBuffer;

/** Takes one message body off the input, framed one of the ways of RFC 9112 §6.3. */
public interface BodyDecoder {

    /** The next {@link dev.meerkat.http.BodyChunk} or the {@link MessageEnd}; null when more input is needed. */
    HttpPart next(ByteBuffer in) throws SyntaxError;

    /** The input ended before {@link #next} returned the end: the message's end, marked as it deserves. */
    MessageEnd endOfInput(CloseReason reason);
}
