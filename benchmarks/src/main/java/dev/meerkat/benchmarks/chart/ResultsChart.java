package dev.meerkat.benchmarks.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The chart of docs/benchmarks.md: server CPU per keep-alive request, each Meerkat provider beside
 * its Netty anchor, and {@code meerkat serve} beside nginx (plain and over TLS), all from one run of
 * {@code benchmarks/regenerate.sh}. It reads the Markdown tables that run wrote (load.sh's and
 * serve-load.sh's), so the picture can never show a figure the tables do not.
 *
 * <pre>ResultsChart RESULTS_MARKDOWN OUTPUT_PNG</pre>
 */
public final class ResultsChart {

    /** The x axis: a TLS provider (or plain TCP) in load.sh's runs, then the static file server. */
    static final List<String> CATEGORIES = List.of("plain", "jdk", "bc", "openssl", "openssl-jna", "static file",
            "static file, TLS");

    private static final String LOAD_HEADER = "| server | keep-alive req/s | keep-alive CPU µs/req |";
    private static final String SERVE_HEADER = "| round | server | req/s | CPU µs/req |";

    private ResultsChart() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("expected RESULTS_MARKDOWN OUTPUT_PNG but was " + Arrays.toString(args));
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        CategoryChart chart = chart(series(lines));
        BitmapEncoder.saveBitmap(chart, args[1].replaceFirst("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Meerkat, Netty and nginx, each a value (or null, drawn as no bar, where that server has no such row) per
     * {@link #CATEGORIES} entry. Fails when the tables hold no Meerkat figure at all.
     */
    static Map<String, List<Double>> series(List<String> lines) {
        Map<String, Double> load = column(lines, LOAD_HEADER, 1, 3, row -> true);
        Map<String, Double> serve = column(lines, SERVE_HEADER, 2, 4, row -> !servedOverTls(row));
        Map<String, Double> serveTls = column(lines, SERVE_HEADER, 2, 4, ResultsChart::servedOverTls);
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("Meerkat", Arrays.asList(load.get("meerkat:plain"), load.get("meerkat:jdk"),
                load.get("meerkat:bc"), load.get("meerkat:openssl"), load.get("meerkat:openssl-jna"),
                serve.get("meerkat"), serveTls.get("meerkat")));
        series.put("Netty", Arrays.asList(load.get("netty:plain"), load.get("netty:JDK"), null,
                load.get("netty:OPENSSL"), null, null, null));
        series.put("nginx", Arrays.asList(null, null, null, null, null, serve.get("nginx"), serveTls.get("nginx")));
        if (series.get("Meerkat").stream().allMatch(Objects::isNull)) {
            throw new IllegalArgumentException("expected load.sh or serve-load.sh tables with Meerkat rows but found none");
        }
        return series;
    }

    /** serve-load.sh's last column names the protocol and suite over TLS, "-" for plain. */
    private static boolean servedOverTls(String[] cells) {
        return !cells[cells.length - 1].trim().equals("-");
    }

    /**
     * The tables under {@code header}: the name in column {@code nameColumn} to the number in column
     * {@code valueColumn} (1-based, as the table reads), over the rows {@code rows} keeps, averaged
     * over rows with the same name (rounds).
     */
    static Map<String, Double> column(List<String> lines, String header, int nameColumn, int valueColumn,
            Predicate<String[]> rows) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith(header)) {
                inTable = true;
                continue;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            String[] cells = line.split("\\|");
            String value = cells[valueColumn].trim();
            if (!value.matches("[0-9]+(\\.[0-9]+)?") || !rows.test(cells)) {
                continue;  // "-": that server failed or was not run; or a row of the other kind
            }
            values.computeIfAbsent(cells[nameColumn].trim(), k -> new ArrayList<>()).add(Double.parseDouble(value));
        }
        Map<String, Double> averages = new LinkedHashMap<>();
        values.forEach((name, list) -> averages.put(name, list.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        return averages;
    }

    static CategoryChart chart(Map<String, List<Double>> series) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(480)
                .title("Server CPU per keep-alive request (lower is better), one run")
                .xAxisTitle("TLS provider, or the static file server").yAxisTitle("µs CPU / request").build();
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        series.forEach((name, values) -> chart.addSeries(name, CATEGORIES, values));
        return chart;
    }
}
