package dev.meerkat.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.TestPki;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Correctness only, never speed: every server of the load and memory runs, started in this JVM,
 * answers a GET with 200 and the 1 KiB body over its provider, and counts the connection.
 */
class BenchServerTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    static List<String> servers() {
        return ServerSpec.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void answersWithTheOneKibibyteBodyAndCountsTheConnection(String label) {
        ServerSpec spec = ServerSpec.parse(label, null, null);
        assertTimeoutPreemptively(LIMIT, () -> {
            try (BenchServer server = BenchServer.start(spec);
                 TlsContext tls = spec.isPlain() ? null
                         : TlsProviders.newContext("jdk", TestPki.get().clientConfig().build());
                 IdleClients clients = new IdleClients(server.port(), tls)) {
                clients.open(2, 2, LIMIT);

                assertThat(clients.answered()).isEqualTo(2);
                awaitOpenConnections(server, 2);
            }
        });
    }

    @Test
    void rejectsAServerLabelWithoutImplementationAndTls() {
        assertThatThrownBy(() -> ServerSpec.parse("meerkat", null, null))
                .hasMessageContaining("expected implementation:tls").hasMessageContaining("'meerkat'");
        assertThatThrownBy(() -> ServerSpec.parse("nginx:plain", null, null))
                .hasMessageContaining("expected implementation meerkat or netty but was 'nginx'");
    }

    @Test
    void memoryTableGivesRatiosToTheNettyRowsOfTheSameRun() {
        ProcessMemory before = new ProcessMemory(1_000, 10_000);
        List<MemoryRow> rows = List.of(
                new MemoryRow("meerkat:jdk", 10, before, new ProcessMemory(101_000, 110_000)),
                new MemoryRow("netty:JDK", 10, before, new ProcessMemory(51_000, 60_000)));

        String table = MemoryTable.markdown(rows);

        assertThat(table).contains("| meerkat:jdk | 10 | 10000 | 10000 | 20000 | 20.0 | 2.00 | - |")
                .contains("| netty:JDK | 10 | 5000 | 5000 | 10000 | 10.0 | 1.00 | - |");
    }

    @Test
    void fullHandshakeRowsAreComparedWithNettysFullHandshakeRows() {
        ProcessMemory before = new ProcessMemory(1_000, 10_000);
        List<MemoryRow> rows = List.of(
                new MemoryRow("meerkat:jdk", 10, before, new ProcessMemory(101_000, 110_000)),
                new MemoryRow("meerkat:jdk (full handshakes)", 10, before, new ProcessMemory(41_000, 50_000)),
                new MemoryRow("netty:JDK", 10, before, new ProcessMemory(51_000, 60_000)),
                new MemoryRow("netty:JDK (full handshakes)", 10, before, new ProcessMemory(21_000, 30_000)));

        String table = MemoryTable.markdown(rows);

        assertThat(table).contains("| meerkat:jdk | 10 | 10000 | 10000 | 20000 | 20.0 | 2.00 | - |")
                .contains("| meerkat:jdk (full handshakes) | 10 | 4000 | 4000 | 8000 | 8.0 | 2.00 | - |")
                .contains("| netty:JDK (full handshakes) | 10 | 2000 | 2000 | 4000 | 4.0 | 1.00 | - |");
    }

    @Test
    void measuresThisProcessHeapAndResidentSize() throws Exception {
        ProcessMemory memory = ProcessMemory.measureAfterGc();

        assertThat(memory.heapBytes()).isPositive();
        assertThat(memory.rssBytes()).isGreaterThan(memory.heapBytes() / 4);
    }

    private static void awaitOpenConnections(BenchServer server, int expected) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (server.openConnections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.openConnections()).as("open connections of the server").isEqualTo(expected);
    }
}
