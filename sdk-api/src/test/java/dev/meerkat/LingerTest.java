package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The peer ended its input but never reads our output again: the close is decided (CLEAN) and our
 * last bytes can never go out. The Close comes once the linger gives up (Conn.LINGER, 3 s), not after
 * the 5-minute idle timeout (docs/ARCHITECTURE.md, "The lifecycle").
 */
class LingerTest {
    private final Manager manager = new Manager();

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void aDecidedCloseDoesNotWaitForAPeerThatNeverReads() throws IOException {
        EventLog accepted = new EventLog();
        Connection listener = manager.listen("tcp://127.0.0.1:0",
                Options.defaults().withSendLimit(64 << 20), (c, e) -> {
                    if (!c.isListener()) {
                        accepted.handle(c, e);
                        if (e instanceof Event.Accept) {
                            c.send(new byte[32 << 20]);
                        }
                    }
                });
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
            pollUntil(manager, () -> accepted.count(Event.Accept.class) == 1, "the accept");
            peer.shutdownOutput();
            pollUntil(manager, accepted::closed, "the close after the peer's FIN");
        }
        assertThat(accepted.close().reason()).isEqualTo(CloseReason.CLEAN);
    }
}
