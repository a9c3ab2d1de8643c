package dev.meerkat.cli;

import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpClientOptions;
import dev.meerkat.http.HttpClientRequest;
import java.io.PrintStream;
import java.net.URI;

/**
 * {@code -v}'s picture of a request as curl draws it: {@code *} for the connection, {@code >} for
 * the request line and the headers the client sends (the request's own, then the Host,
 * User-Agent, Accept-Encoding and Content-Length it adds).
 */
final class RequestLines {

    private RequestLines() {
    }

    static void print(HttpClientRequest request, HttpClientOptions options, PrintStream err) {
        URI url = request.url();
        int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        err.println(options.proxy() == null ? "*   Trying " + url.getHost() + ":" + port + "..."
                : "*   Trying the proxy " + options.proxy().getHost() + ":" + options.proxy().getPort() + "...");
        err.println("> " + request.method() + " " + target(url) + " HTTP/1.1");
        Headers headers = request.headers();
        headers.forEach(f -> err.println("> " + f.name() + ": " + f.value()));
        addedUnlessNamed(headers, "Host", url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort(), err);
        if (!options.userAgent().isEmpty()) {
            addedUnlessNamed(headers, "User-Agent", options.userAgent(), err);
        }
        if (options.decompress()) {
            addedUnlessNamed(headers, "Accept-Encoding", "gzip, deflate", err);
        }
        long length = request.stream() != null ? request.stream().length() : request.body().length;
        if (length > 0) {
            err.println("> Content-Length: " + length);
        }
        err.println(">");
    }

    private static String target(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private static void addedUnlessNamed(Headers headers, String name, String value, PrintStream err) {
        if (!headers.contains(name)) {
            err.println("> " + name + ": " + value);
        }
    }
}
