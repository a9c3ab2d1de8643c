package dev.meerkat.cli;

import dev.meerkat.http.HttpExchange;
import dev.meerkat.http.HttpRequestHead;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One line per answered request in the Common Log Format of httpd and nginx:
 * {@code 127.0.0.1 - - [02/Dec/2026:16:10:00 +0000] "GET /a.txt HTTP/1.1" 200 1234}, the size
 * being the body bytes sent ({@code -} for none), the time UTC.
 */
final class AccessLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final Clock clock;

    AccessLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void record(HttpExchange exchange) {
        out.println(line(exchange));
        out.flush();
    }

    String line(HttpExchange exchange) {
        HttpRequestHead request = exchange.request();
        InetSocketAddress remote = exchange.connection().remoteAddress();
        String host = remote == null ? "-" : remote.getAddress().getHostAddress();
        return host + " - - [" + TIME.format(clock.instant()) + "] \"" + request.method() + " " + request.target() + " "
                + request.version().text() + "\" " + exchange.status() + " "
                + (exchange.bodyBytes() == 0 ? "-" : Long.toString(exchange.bodyBytes()));
    }
}
