package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case D of the core issue: out of memory on a loop thread once left `meerkat serve` alive, holding
 * its port and answering nothing. Now the command exits non-zero with a message, and the port is free.
 */
class ServeFatalErrorTest {

    @Test
    void aFatalErrorOnTheLoopEndsServeWithAFailure(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "http://127.0.0.1:0",
                "--threads", "2")) {
            server.group().managers().get(1).execute(() -> {
                throw new OutOfMemoryError("simulated for the test");
            });

            assertThat(ServeCommand.awaitStop(server, err)).isEqualTo(Main.FAILURE);
            assertThat(errBytes.toString(StandardCharsets.UTF_8))
                    .contains("meerkat serve: the server stopped: java.lang.OutOfMemoryError: simulated for the test");
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), server.port()).close())
                    .as("the port is released").isInstanceOf(ConnectException.class);
        }
    }
}
