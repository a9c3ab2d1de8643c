package dev.meerkat.http;

/**
 * What {@link HttpParser#next} returns, in this order per message: one head
 * ({@link HttpRequestHead} or {@link HttpResponseHead}), zero or more {@link BodyChunk}s, one
 * {@link MessageEnd}.
 */
public sealed interface HttpPart permits HttpRequestHead, HttpResponseHead, BodyChunk, MessageEnd {
}
