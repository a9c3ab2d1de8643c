package dev.meerkat.ws;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Timer;
import dev.meerkat.http.HttpLimits;
import dev.meerkat.http.HttpParseException;
import dev.meerkat.http.HttpParser;
import dev.meerkat.http.HttpPart;
import dev.meerkat.http.HttpResponseHead;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A client connection until its WebSocket opens: sends the upgrade request once connected, reads the
 * response head, checks it, then hands the connection (and any frame bytes that came with the 101)
 * to the {@link WebSocket}. The connection's handshake timeout also bounds the wait for the 101.
 */
final class ClientUpgrade implements Handler {

    private static final Object RESPONSE_TIMEOUT = new Object();

    private final WebSocket socket;
    private final URI url;
    private final ClientHandshake handshake;
    private final HttpParser parser = HttpParser.responses(HttpLimits.defaults());
    private Timer responseTimer;
    private boolean failed;

    ClientUpgrade(WebSocket socket, URI url, ClientHandshake handshake) {
        this.socket = socket;
        this.url = url;
        this.handshake = handshake;
        parser.expectResponseTo("GET");
    }

    @Override
    public void handle(Connection c, Event event) {
        if (event instanceof Event.Connect) {
            onConnect(c);
        } else if (event instanceof Event.Read read) {
            onRead(c, read.data());
        } else if (event instanceof Event.Timer timer && timer.tag() == RESPONSE_TIMEOUT) {
            fail(c, new WsHandshakeException(c + ": expected a 101 response from " + url + " within "
                    + c.options().handshakeTimeout() + " but none came"));
        } else if (event instanceof Event.Error || event instanceof Event.Close) {
            socket.onEvent(c, event);
        }
    }

    private void onConnect(Connection c) {
        // Before the TLS handshake completes the request waits in the connection's queue.
        c.send(handshake.request(url, socket.options().headers()));
        Duration timeout = c.options().handshakeTimeout();
        if (!timeout.isZero()) {
            responseTimer = c.timer(timeout, null, RESPONSE_TIMEOUT);
        }
    }

    private void onRead(Connection c, ByteBuffer data) {
        if (failed) {
            data.position(data.limit());
            return;
        }
        try {
            HttpPart part = parser.next(data);
            if (part instanceof HttpResponseHead head) {
                String subprotocol = handshake.check(head);
                if (responseTimer != null) {
                    responseTimer.cancel();
                }
                c.handler(socket::onEvent);
                socket.opened(c, subprotocol);
                socket.onRead(data);
            }
        } catch (HttpParseException e) {
            fail(c, new WsHandshakeException(c + ": expected an HTTP response from " + url + " but: "
                    + e.getMessage(), e));
        } catch (WsHandshakeException e) {
            fail(c, new WsHandshakeException(c + ": " + url + ": " + e.getMessage(), e));
        }
    }

    private void fail(Connection c, WsHandshakeException failure) {
        failed = true;
        socket.fire(new WsEvent.Error(failure));
        c.close();
    }
}
