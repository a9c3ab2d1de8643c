package dev.meerkat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Connection#startTls} refuses what it cannot switch safely: a listener, and a client still
 * holding bytes that would be read as TLS records. (A tunnel that works: HttpClientProxyTest in the
 * http module.)
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StartTlsTest {

    private final LoopThread loop = new LoopThread();

    @AfterEach
    void stop() {
        loop.close();
    }

    @Test
    void aListenerRefuses() throws Exception {
        Connection listener = loop.call(() -> loop.manager.listen("tcp://127.0.0.1:0", (c, e) -> { }));
        Throwable refused = loop.call(() -> catchThrowable(() -> listener.startTls("example.com", null)));

        assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a TCP client connection");
    }

    @Test
    void aClientHoldingReceivedBytesRefuses() throws Exception {
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            loop.run(() -> loop.manager.connect("tcp://127.0.0.1:" + server.getLocalPort(), (c, e) -> {
                if (e instanceof Event.Read) {
                    refused.complete(catchThrowable(() -> c.startTls("example.com", null)));
                    c.close();
                }
            }));
            try (Socket accepted = server.accept()) {
                OutputStream out = accepted.getOutputStream();
                out.write("hello".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(refused.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("holding 5 received and 0 queued bytes");
            }
        }
    }
}
