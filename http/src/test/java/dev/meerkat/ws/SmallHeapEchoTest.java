package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8, case E: an 8 MiB message echoed by a server in a child JVM with a 32 MiB heap. While a
 * message grew by doubling and was then trimmed, receiving it took about three times its size and
 * this server died of OutOfMemoryError below about 40 MiB; now it needs the message and its echo.
 * The serial collector keeps the heap's layout the same from run to run.
 */
@Timeout(60)
class SmallHeapEchoTest {

    private static final int MESSAGE = 8 * 1024 * 1024;

    @Test
    void aServerWithA32MiBHeapEchoesAn8MiBMessage() throws Exception {
        Process server = startServer();
        ServerOutput output = new ServerOutput(server);
        try (LoopThread loop = new LoopThread()) {
            int port = Integer.parseInt(output.firstLine.get(LoopThread.TIMEOUT.toSeconds(), TimeUnit.SECONDS).trim());
            byte[] message = new byte[MESSAGE];
            new Random(8).nextBytes(message);
            WsRecorder client = new WsRecorder((ws, e) -> {
                if (e instanceof WsEvent.Open) {
                    ws.send(message);
                }
            });
            WsOptions options = WsOptions.defaults().withMaxMessageSize(MESSAGE);
            loop.run(() -> WebSocket.connect(loop.manager, "ws://127.0.0.1:" + port + "/", options, client));

            client.next(WsEvent.Open.class);
            WsEvent echo = client.events.poll(LoopThread.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(echo).as("the echo; the server said: %s", output.all).isInstanceOf(WsEvent.Binary.class);
            assertThat(((WsEvent.Binary) echo).data()).isEqualTo(message);
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process startServer() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xms32m", "-Xmx32m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), SmallHeapEchoServer.class.getName(), String.valueOf(MESSAGE))
                .redirectErrorStream(true).start();
    }

    /** The child's output, read on a thread: its first line (the port) and everything, for a failure's message. */
    private static final class ServerOutput {
        final CompletableFuture<String> firstLine = new CompletableFuture<>();
        final StringBuffer all = new StringBuffer();

        ServerOutput(Process server) {
            Thread reader = new Thread(() -> read(server), "small-heap-server-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Process server) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    firstLine.complete(line);
                    all.append(line).append('\n');
                }
            } catch (IOException e) {
                firstLine.completeExceptionally(e);
            }
            firstLine.completeExceptionally(new IOException("the server ended without a line: " + all));
        }
    }
}
