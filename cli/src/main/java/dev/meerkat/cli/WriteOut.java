package dev.meerkat.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * curl's {@code -w} format: {@code %{name}} variables, {@code %%}, and the escapes {@code \n},
 * {@code \r}, {@code \t} and {@code \\}. An unknown variable writes nothing and a warning.
 *
 * @param httpCode     the last response's status, 0 when none came (written 000)
 * @param sizeDownload body bytes written
 * @param seconds      the whole transfer
 * @param url          the URL requested
 * @param exitCode     the transfer's exit status
 */
record WriteOut(int httpCode, long sizeDownload, double seconds, String url, int exitCode) {

    private static final Pattern TOKEN = Pattern.compile("%\\{([a-z_]+)}|%%|\\\\[nrt\\\\]");

    String format(String format, PrintStream warnings) {
        Matcher m = TOKEN.matcher(format);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(text, Matcher.quoteReplacement(expand(m.group(), m.group(1), warnings)));
        }
        return m.appendTail(text).toString();
    }

    private String expand(String token, String variable, PrintStream warnings) {
        if (variable == null) {
            return switch (token) {
                case "%%" -> "%";
                case "\\n" -> "\n";
                case "\\r" -> "\r";
                case "\\t" -> "\t";
                default -> "\\";
            };
        }
        return switch (variable) {
            case "http_code", "response_code" -> String.format(Locale.ROOT, "%03d", httpCode);
            case "size_download" -> Long.toString(sizeDownload);
            case "time_total" -> String.format(Locale.ROOT, "%.6f", seconds);
            case "url_effective", "url" -> url;
            case "exitcode" -> Integer.toString(exitCode);
            default -> {
                warnings.println("meerkat get: unknown --write-out variable: '" + variable + "'");
                yield "";
            }
        };
    }
}
