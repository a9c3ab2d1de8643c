/**
 * HTTP/1.1 on a {@link dev.meerkat.Manager}'s loop, built on the core's public API only. An
 * {@link dev.meerkat.http.HttpServer} delivers each request to an {@link dev.meerkat.http.HttpHandler}
 * as {@link dev.meerkat.http.HttpEvent}s (bodies streamed or buffered) and is answered through the
 * {@link dev.meerkat.http.HttpExchange}; {@link dev.meerkat.http.StaticFiles} serves a directory. An
 * {@link dev.meerkat.http.HttpClient} pools keep-alive connections and completes each request with an
 * {@link dev.meerkat.http.HttpResponse} that says whether the body arrived whole. {@code https}
 * takes its TLS context from the options, so any provider serves either side.
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.meerkat.http;

import org.jspecify.annotations.NullMarked;
