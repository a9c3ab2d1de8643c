package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptorLeakTest {
    private static final int CONNECTIONS = 1000;
    private static final int BATCH = 50;

    private static int openDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        assertThat(fds).as("/proc/self/fd").isNotNull();
        return fds.length;
    }

    @Test
    void thousandConnectionsLeaveNoDescriptorsOrBuffers() {
        try (Manager manager = new Manager()) {
            Connection listener = manager.listen("tcp://127.0.0.1:0", PlainTcpTest.ECHO);
            String url = "tcp://127.0.0.1:" + listener.localAddress().getPort();
            manager.poll(0);
            int before = openDescriptors();
            int[] closedClients = {0};
            for (int done = 0; done < CONNECTIONS; done += BATCH) {
                List<Connection> batch = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    batch.add(manager.connect(url, (c, e) -> {
                        if (e instanceof Event.Connect) {
                            c.send(new byte[] {42});
                        } else if (e instanceof Event.Read) {
                            c.close();
                        } else if (e instanceof Event.Close) {
                            closedClients[0]++;
                        }
                    }));
                }
                int target = done + BATCH;
                pollUntil(manager, () -> closedClients[0] == target && manager.connections().size() == 1,
                        "batch closed on both sides");
            }
            assertThat(openDescriptors()).isEqualTo(before);
            assertThat(manager.bufferedBytes()).isZero();
        }
    }
}
