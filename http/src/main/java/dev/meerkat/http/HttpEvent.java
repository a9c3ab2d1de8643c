package dev.meerkat.http;

/**
 * What a server's {@link HttpHandler} receives for one request, like Mongoose's HTTP_HDRS and
 * HTTP_MSG. Bodies stream by default: Head, Body..., End (End alone for a request without body).
 * Buffered mode ({@link HttpServerOptions#withBufferedBodies}, {@link HttpExchange#bufferBody()}):
 * Head, then Message.
 *
 * <table>
 * <caption>Server events</caption>
 * <tr><th>event</th><th>fires when</th></tr>
 * <tr><td>{@link Head}</td><td>the request line and headers arrived; the handler may reply at once
 *     (e.g. to refuse an {@code Expect: 100-continue}) or choose how the body arrives:
 *     {@link HttpExchange#bufferBody()}, {@link HttpExchange#streamBody()}</td></tr>
 * <tr><td>{@link Body}</td><td>body bytes arrived (streaming mode); valid only during the call</td></tr>
 * <tr><td>{@link End}</td><td>the request ended (streaming mode), with its trailers</td></tr>
 * <tr><td>{@link Message}</td><td>the whole request arrived, body included (buffered mode); the body
 *     counts against the {@link dev.meerkat.MemoryBudget} until the handler returns</td></tr>
 * </table>
 */
public sealed interface HttpEvent {

    /**
     * The request line and headers arrived.
     *
     * @param head the request head, also in {@link HttpExchange#request()}
     */
    record Head(HttpRequestHead head) implements HttpEvent {}

    /**
     * The whole request arrived (buffered mode).
     *
     * @param request the head, the body and the trailers
     */
    record Message(HttpRequest request) implements HttpEvent {}

    /**
     * Body bytes arrived (streaming mode).
     *
     * @param chunk the bytes, valid only during the call; copy what is kept
     */
    record Body(BodyChunk chunk) implements HttpEvent {}

    /**
     * The request ended (streaming mode).
     *
     * @param trailers the trailer section of a chunked body, else empty
     */
    record End(Headers trailers) implements HttpEvent {}
}
