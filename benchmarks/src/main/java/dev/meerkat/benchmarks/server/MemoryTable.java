package dev.meerkat.benchmarks.server;

import java.util.List;
import java.util.Locale;

/**
 * The idle-memory table, with each total as a ratio to the Netty JDK and OPENSSL rows of the same run;
 * a full-handshake row's ratios are to Netty's full-handshake rows.
 */
final class MemoryTable {

    /** Ends the label of a row whose client never resumed. */
    static final String FULL_HANDSHAKES = " (full handshakes)";

    private MemoryTable() {
    }

    static String markdown(List<MemoryRow> rows) {
        StringBuilder table = new StringBuilder()
                .append("| server | connections | heap B/conn | native (RSS growth) B/conn | total B/conn | total KB/conn"
                        + " | vs netty:JDK | vs netty:OPENSSL |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (MemoryRow row : rows) {
            String kind = row.server().endsWith(FULL_HANDSHAKES) ? FULL_HANDSHAKES : "";
            Double nettyJdk = total(rows, "netty:JDK" + kind);
            Double nettyOpenSsl = total(rows, "netty:OPENSSL" + kind);
            table.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.1f | %s | %s |%n",
                    row.server(), row.connections(), row.heapPerConnection(), row.nativePerConnection(),
                    row.totalPerConnection(), row.totalPerConnection() / 1000, ratio(row, nettyJdk),
                    ratio(row, nettyOpenSsl)));
        }
        return table.toString();
    }

    private static Double total(List<MemoryRow> rows, String server) {
        return rows.stream().filter(r -> r.server().equals(server)).map(MemoryRow::totalPerConnection)
                .findFirst().orElse(null);
    }

    private static String ratio(MemoryRow row, Double anchor) {
        return anchor == null ? "-" : String.format(Locale.ROOT, "%.2f", row.totalPerConnection() / anchor);
    }
}
