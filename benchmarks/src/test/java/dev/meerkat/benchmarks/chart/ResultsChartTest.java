package dev.meerkat.benchmarks.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart reads exactly what the tables say, and draws it. */
class ResultsChartTest {

    /** Shaped as load.sh and serve-load.sh print them (two plain serve rounds, one over TLS, one failed load row). */
    private static final List<String> RESULTS = List.of(
            "load.sh: 2026-12-03 ...",
            "| server | keep-alive req/s | keep-alive CPU µs/req | vs Netty | close req/s | close CPU µs/req | vs Netty | errors |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            "| meerkat:plain | 50000 | 12.5 | 1.10 | 9000 | 80.0 | 1.00 | 0 |",
            "| meerkat:jdk | 20000 | 40.0 | 0.90 | 900 | 900.0 | 1.00 | 0 |",
            "| meerkat:bc | 0 | - | - | 0 | - | - | 7 |",
            "| netty:plain | 52000 | 11.4 | - | 9000 | 80.0 | - | 0 |",
            "| netty:JDK | 21000 | 44.4 | - | 900 | 900.0 | - | 0 |",
            "",
            "| round | server | req/s | CPU µs/req | errors | server cores busy | wrk CPU s | load average after | TLS |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---|",
            "| 1 | nginx | 40000 | 23.0 | 0 | 0.92 | 9.8 | 1.0 | - |",
            "| 1 | meerkat | 38000 | 26.0 | 0 | 0.99 | 9.7 | 1.1 | - |",
            "| 2 | nginx | 40000 | 25.0 | 0 | 0.92 | 9.8 | 1.0 | - |",
            "| 2 | meerkat | 38000 | 28.0 | 0 | 0.99 | 9.7 | 1.1 | - |",
            "",
            "| round | server | req/s | CPU µs/req | errors | server cores busy | wrk CPU s | load average after | TLS |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---|",
            "| 1 | nginx | 20000 | 40.0 | 0 | 0.8 | 9.9 | 1.0 | TLSv1.3 TLS_AES_256_GCM_SHA384 |",
            "| 1 | meerkat | 19000 | 45.5 | 0 | 0.9 | 9.9 | 1.1 | TLSv1.3 TLS_AES_256_GCM_SHA384 |");

    @Test
    void eachSeriesHoldsItsServersFiguresInCategoryOrder() {
        var series = ResultsChart.series(RESULTS);

        assertThat(series.get("Meerkat")).containsExactly(12.5, 40.0, null, null, null, 27.0, 45.5);
        assertThat(series.get("Netty")).containsExactly(11.4, 44.4, null, null, null, null, null);
        assertThat(series.get("nginx")).containsExactly(null, null, null, null, null, 24.0, 40.0);
    }

    @Test
    void tablesWithoutMeerkatRowsAreRefused() {
        assertThatThrownBy(() -> ResultsChart.series(List.of("no tables here")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected load.sh or serve-load.sh tables with Meerkat rows");
    }

    @Test
    void writesAPng(@TempDir Path dir) throws Exception {
        Path markdown = dir.resolve("results.md");
        Files.write(markdown, RESULTS);
        Path png = dir.resolve("chart.png");

        ResultsChart.main(new String[] {markdown.toString(), png.toString()});

        byte[] header = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertThat(header).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    }
}
