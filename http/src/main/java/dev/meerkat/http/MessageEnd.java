package dev.meerkat.http;

import dev.meerkat.CloseReason;
import org.jspecify.annotations.Nullable;

/**
 * The end of a message.
 *
 * @param trailers    the trailer section of a chunked body, else empty
 * @param complete    true when the framing says every byte arrived: a Content-Length or chunked body
 *                    that finished, a message without body, or a close-delimited body that ended
 *                    with {@link CloseReason#CLEAN}. False means possibly truncated.
 * @param closeReason how the input ended when it ended this message, else null
 */
public record MessageEnd(Headers trailers, boolean complete, @Nullable CloseReason closeReason) implements HttpPart {

    /**
     * The end of a message whose framing finished.
     *
     * @param trailers the trailer section, possibly empty
     * @return an end that is complete, with no close reason
     */
    public static MessageEnd completed(Headers trailers) {
        return new MessageEnd(trailers, true, null);
    }
}
