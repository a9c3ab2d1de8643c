package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.LoopThread;
import dev.meerkat.faketls.FakeRecords;
import dev.meerkat.faketls.FakeTlsContext;
import dev.meerkat.tls.TlsSession;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seed of the project (Mongoose 2570) at the HTTP level, over the test TLS record format: a
 * close-delimited body is complete only when close_notify came; every byte that arrived is kept.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpsTruncationTest {

    private static final String RESPONSE = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n";

    private LoopThread loop;
    private HttpClient client;

    @BeforeEach
    void start() {
        loop = new LoopThread();
        client = new HttpClient(loop.manager,
                HttpClientOptions.defaults().withConnection(dev.meerkat.Options.defaults().withTls(new FakeTlsContext())));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        loop.close();
    }

    /** Plays the TLS server: handshake, read the request, then send {@code tail} bytes and close. */
    private HttpResponse exchange(byte[] tail) throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            readRecord(in);
            socket.getOutputStream().write(FakeRecords.hello());
            StringBuilder request = new StringBuilder();
            while (!request.toString().endsWith("\r\n\r\n")) {
                request.append(new String(readRecord(in), StandardCharsets.ISO_8859_1));
            }
            socket.getOutputStream().write(tail);
            socket.getOutputStream().flush();
            socket.close();
        })) {
            return client.send(HttpClientRequest.get("https://127.0.0.1:" + server.port() + "/"))
                    .get(LoopThread.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void closeDelimitedBodyWithCloseNotifyIsComplete() throws Exception {
        HttpResponse r = exchange(concat(data(RESPONSE + "first "), data("second"), FakeRecords.closeNotify()));

        assertThat(r.bodyText()).isEqualTo("first second");
        assertThat(r.complete()).isTrue();
        assertThat(r.closeReason()).isEqualTo(CloseReason.CLEAN);
    }

    @Test
    void responseNamesTheTlsSessionThatCarriedIt() throws Exception {
        HttpResponse r = exchange(data("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));

        assertThat(r.tlsSession()).as("the session of the fake TLS engine").isNotNull();
        assertThat(r.tlsSession().provider()).isEqualTo("fake");
        assertThat(r.tlsSession().protocol()).isEqualTo("TLSv1.3");
        assertThat(r.tlsSession().cipherSuite()).isEqualTo("TLS_FAKE_XOR");
    }

    @Test
    void closeDelimitedBodyWithoutCloseNotifyIsPossiblyTruncated() throws Exception {
        HttpResponse r = exchange(concat(data(RESPONSE + "first "), data("second")));

        assertThat(r.bodyText()).isEqualTo("first second");
        assertThat(r.complete()).isFalse();
        assertThat(r.closeReason()).isEqualTo(CloseReason.TRUNCATED_NO_CLOSE_NOTIFY);
    }

    @Test
    void closeDelimitedBodyEndingInAPartialRecordIsPossiblyTruncated() throws Exception {
        byte[] cut = data("lost");
        HttpResponse r = exchange(concat(data(RESPONSE + "kept"), Arrays.copyOf(cut, cut.length - 2)));

        assertThat(r.bodyText()).isEqualTo("kept");
        assertThat(r.complete()).isFalse();
        assertThat(r.closeReason()).isEqualTo(CloseReason.TRUNCATED_PARTIAL_RECORD);
    }

    @Test
    void lengthDelimitedBodyIsCompleteWithoutCloseNotify() throws Exception {
        HttpResponse r = exchange(data("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody"));

        assertThat(r.bodyText()).isEqualTo("body");
        assertThat(r.complete()).isTrue();
        assertThat(r.closeReason()).isNull();
    }

    /** A server over the fake TLS that echoes the body, with the client's port and whether TLS carried it. */
    private HttpServer echoServer() throws Exception {
        return loop.call(() -> HttpServer.listen(loop.manager, "https://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true).withConnection(dev.meerkat.Options.defaults().withTls(new FakeTlsContext())),
                (exchange, event) -> {
                    if (event instanceof HttpEvent.Message m) {
                        exchange.reply(200, Headers.of("X-Port", "" + exchange.connection().remoteAddress().getPort(),
                                "X-Tls", "" + exchange.connection().isTls()), m.request().body());
                    }
                }));
    }

    @Test
    void httpsServerAnswersAnHttpsClientOnOneConnection() throws Exception {
        HttpServer server = echoServer();
        String url = "https://127.0.0.1:" + loop.call(server::port) + "/";

        HttpResponse first = client.send(HttpClientRequest.builder("PUT", url).body("one").build()).get(10, TimeUnit.SECONDS);
        HttpResponse second = client.send(HttpClientRequest.builder("PUT", url).body("two").build()).get(10, TimeUnit.SECONDS);

        assertThat(first.bodyText() + second.bodyText()).isEqualTo("onetwo");
        assertThat(first.headers().get("X-Tls")).isEqualTo("true");
        assertThat(second.headers().get("X-Port")).isEqualTo(first.headers().get("X-Port"));
    }

    @Test
    void listenerLearnsTheTlsSessionJustBeforeTheHead() throws Exception {
        String url = "https://127.0.0.1:" + loop.call(echoServer()::port) + "/";
        CompletableFuture<String> seen = new CompletableFuture<>();
        StringBuilder log = new StringBuilder();
        client.send(HttpClientRequest.builder("POST", url).body("x").build(), new ResponseListener() {
            @Override
            public void onTlsSession(TlsSession session) {
                log.append("tls ").append(session.provider()).append(' ').append(session.cipherSuite()).append(';');
            }

            @Override
            public void onHead(HttpResponseHead head) {
                log.append("head ").append(head.status()).append(';');
            }

            @Override
            public void onBody(BodyChunk chunk) {
                log.append("body ").append(new String(chunk.bytes(), StandardCharsets.ISO_8859_1)).append(';');
            }

            @Override
            public void onEnd(MessageEnd end) {
                seen.complete(log.append("end").toString());
            }

            @Override
            public void onFailure(HttpClientException failure) {
                seen.completeExceptionally(failure);
            }
        });

        assertThat(seen.get(LoopThread.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo("tls fake TLS_FAKE_XOR;head 200;body x;end");
    }

    private static byte[] readRecord(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        in.readUnsignedShort();
        byte[] payload = new byte[in.readUnsignedShort()];
        in.readFully(payload);
        if (type == FakeRecords.APPLICATION) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= FakeRecords.XOR;
            }
        }
        return payload;
    }

    private static byte[] data(String text) {
        return FakeRecords.data(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }
}
