package dev.meerkat.http;

/**
 * What a server's {@link HttpHandler} receives for one request, like Mongoose's HTTP_HDRS and
 * HTTP_MSG.
 *
 * <table>
 * <caption>Server events</caption>
 * <tr><th>event</th><th>fires when</th></tr>
 * <tr><td>{@link Head}</td><td>the request line and headers arrived; the handler may reply at once
 *     (e.g. to refuse an {@code Expect: 100-continue}) or call {@link HttpExchange#streamBody()}</td></tr>
 * <tr><td>{@link Message}</td><td>the whole request arrived, body included (buffered mode)</td></tr>
 * <tr><td>{@link Body}</td><td>body bytes arrived (streaming mode); valid only during the call</td></tr>
 * <tr><td>{@link End}</td><td>the streamed body ended</td></tr>
 * </table>
 */
public sealed interface HttpEvent {

    record Head(HttpRequestHead head) implements HttpEvent {}

    record Message(HttpRequest request) implements HttpEvent {}

    record Body(BodyChunk chunk) implements HttpEvent {}

    record End(Headers trailers) implements HttpEvent {}
}
