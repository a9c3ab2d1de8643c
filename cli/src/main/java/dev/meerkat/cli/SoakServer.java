package dev.meerkat.cli;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.http.BodyChunk;
import dev.meerkat.http.HttpLimits;
import dev.meerkat.http.HttpParseException;
import dev.meerkat.http.HttpParser;
import dev.meerkat.http.HttpPart;
import dev.meerkat.http.HttpRequestHead;
import dev.meerkat.http.MessageEnd;
import dev.meerkat.tls.TlsContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The soak's HTTPS server, written on the connection core rather than {@link dev.meerkat.http.HttpServer}
 * because it must control the end of each connection exactly. It answers one POST per connection
 * with the request body echoed, framed as the path says ({@code /length}, {@code /chunked},
 * {@code /close}), then closes: with close_notify ({@link Connection#closeAfterFlush()}), or, for
 * {@code ?close_notify=no}, with a bare TCP close once every byte went to the socket
 * ({@link Connection#close()} when the send queue is empty) — the server of Mongoose issue 2570.
 */
final class SoakServer implements Handler {

    /** Chunks smaller than a TLS record, so chunk boundaries fall inside and across records. */
    private static final int CHUNK_SIZE = 4096;

    private final Connection listener;

    private SoakServer(Manager manager, TlsContext tls, int bodySize) {
        Options options = Options.defaults().withTls(tls).withSendLimit(Math.max(Options.DEFAULT_SEND_LIMIT, 2 * bodySize + 65536))
                .withReceiveLimit(Math.max(Options.DEFAULT_RECEIVE_LIMIT, bodySize + 65536));
        listener = manager.listen("tls://127.0.0.1:0", options, this);
    }

    /** Listens on 127.0.0.1 and a free port; call on {@code manager}'s thread. */
    static SoakServer listen(Manager manager, TlsContext tls, int bodySize) {
        return new SoakServer(manager, tls, bodySize);
    }

    int port() {
        return listener.localAddress().getPort();
    }

    void close() {
        listener.close();
    }

    @Override
    public void handle(Connection c, Event event) {
        if (event instanceof Event.Accept) {
            c.attach(new Exchange());
        } else if (event instanceof Event.Read read && c.attachment() instanceof Exchange e) {
            e.onRead(c, read.data());
        } else if (event instanceof Event.Write && c.attachment() instanceof Exchange e && e.answered
                && c.queuedBytes() == 0) {
            // Every response byte is in the kernel: close without close_notify.
            c.close();
        }
    }

    /** The one request of a connection. */
    private static final class Exchange {
        private final HttpParser parser = HttpParser.requests(HttpLimits.defaults());
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private HttpRequestHead head;
        private boolean answered;

        void onRead(Connection c, ByteBuffer data) {
            try {
                HttpPart part;
                while (head == null || !answered) {
                    part = parser.next(data);
                    if (part == null) {
                        return;
                    }
                    accept(c, part);
                }
            } catch (HttpParseException | IllegalArgumentException e) {
                c.send(ascii("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                c.closeAfterFlush();
            }
            data.position(data.limit());
        }

        private void accept(Connection c, HttpPart part) {
            if (part instanceof HttpRequestHead h) {
                head = h;
            } else if (part instanceof BodyChunk chunk) {
                body.writeBytes(chunk.bytes());
            } else if (part instanceof MessageEnd) {
                answer(c);
            }
        }

        private void answer(Connection c) {
            Framing framing = Framing.ofLabel(head.path().substring(1));
            boolean closeNotify = !"close_notify=no".equals(head.query());
            c.send(response(framing, body.toByteArray()));
            answered = true;
            if (closeNotify) {
                c.closeAfterFlush();
            } else if (c.queuedBytes() == 0) {
                c.close();
            }
        }
    }

    static byte[] response(Framing framing, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n";
        switch (framing) {
            case LENGTH -> {
                out.writeBytes(ascii(head + "Content-Length: " + body.length + "\r\n\r\n"));
                out.writeBytes(body);
            }
            case CHUNKED -> {
                out.writeBytes(ascii(head + "Transfer-Encoding: chunked\r\n\r\n"));
                for (int at = 0; at < body.length; at += CHUNK_SIZE) {
                    int n = Math.min(CHUNK_SIZE, body.length - at);
                    out.writeBytes(ascii(Integer.toHexString(n) + "\r\n"));
                    out.write(body, at, n);
                    out.writeBytes(ascii("\r\n"));
                }
                out.writeBytes(ascii("0\r\n\r\n"));
            }
            case CLOSE -> {
                out.writeBytes(ascii(head + "\r\n"));
                out.writeBytes(body);
            }
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
