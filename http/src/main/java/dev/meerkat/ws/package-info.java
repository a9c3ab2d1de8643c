/**
 * WebSocket (RFC 6455) over Meerkat connections: a server upgrades an HTTP request with
 * {@link dev.meerkat.ws.WebSocket#accept}, a client opens one with
 * {@link dev.meerkat.ws.WebSocket#connect}, and either side gets whole messages, control frames and
 * write progress as {@link dev.meerkat.ws.WsEvent}s on its {@link dev.meerkat.ws.WsHandler}.
 * {@link dev.meerkat.ws.WsOptions} set the limits; {@link dev.meerkat.ws.CloseCodes} names the close
 * status codes.
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.meerkat.ws;

import org.jspecify.annotations.NullMarked;
