package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeCommandTest {
    private static final int HALF = 2 << 20;

    @TempDir
    Path dir;

    /**
     * The echo's first bytes arrive before the upload's second half is sent: the body streams, it is
     * never held whole (issue 8, case D); the connection then serves the next request.
     */
    @Test
    void echoStreamsTheBodyBackAsItArrivesAndKeepsTheConnection() throws Exception {
        byte[] body = TestServers.randomBytes(2 * HALF, 8);
        Files.writeString(dir.resolve("next.txt"), "next");
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "http://127.0.0.1:0");
             Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out.write(ascii("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length + "\r\n\r\n"));
            out.write(body, 0, HALF);
            out.flush();
            assertThat(ChunkedReply.readHead(in)).startsWith("HTTP/1.1 200 ").contains("Transfer-Encoding: chunked")
                    .doesNotContain("Connection: close");
            ByteArrayOutputStream echo = new ByteArrayOutputStream();
            ChunkedReply.readChunk(in, echo);
            assertThat(echo.size()).as("echo bytes before the second half was sent").isPositive();
            out.write(body, HALF, HALF);
            out.flush();
            while (ChunkedReply.readChunk(in, echo)) {
                assertThat(echo.size()).isLessThanOrEqualTo(body.length);
            }
            assertThat(Arrays.equals(echo.toByteArray(), body)).as("the echo equals the body").isTrue();
            out.write(ascii("GET /next.txt HTTP/1.1\r\nHost: t\r\n\r\n"));
            assertThat(ChunkedReply.readHead(in)).startsWith("HTTP/1.1 200 ");
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
