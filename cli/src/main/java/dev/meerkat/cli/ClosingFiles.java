package dev.meerkat.cli;

import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpExchange;
import dev.meerkat.http.internal.ContentTypes;
import dev.meerkat.http.internal.RequestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Files for {@code serve --close}: every answer carries {@code Connection: close}, so the server
 * closes after it, as httpbin.org did in Mongoose issue 2570. {@link dev.meerkat.http.StaticFiles}
 * cannot be told to close (its replies set their own headers and {@code HttpExchange} offers no
 * public "close after this reply"), so this plain variant serves GET and HEAD with 200, 404 or 405,
 * reusing the SDK's path and content-type rules. Files are read whole: it is a test server.
 */
final class ClosingFiles {

    static final Headers CLOSE = Headers.of("Connection", "close");

    private final Path root;

    ClosingFiles(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    void serve(HttpExchange exchange) {
        String method = exchange.request().method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.reply(405, CLOSE.with("Allow", "GET, HEAD"), new byte[0]);
            return;
        }
        Path file = resolve(exchange.request().path());
        try {
            if (file == null) {
                exchange.reply(404, CLOSE.with("Content-Type", "text/plain; charset=utf-8"), "not found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.reply(200, CLOSE.with("Content-Type", ContentTypes.of(file.getFileName().toString())), body);
        } catch (IOException e) {
            exchange.reply(404, CLOSE, new byte[0]);
        }
    }

    /** The regular file inside the root that {@code path} names (a directory means its index.html), else null. */
    private Path resolve(String path) {
        List<String> segments = RequestPaths.segments(path);
        if (segments == null) {
            return null;
        }
        Path candidate = root;
        for (String segment : segments) {
            candidate = candidate.resolve(segment);
        }
        try {
            Path real = candidate.toRealPath();
            if (Files.isDirectory(real)) {
                real = real.resolve("index.html").toRealPath();
            }
            return real.startsWith(root) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) ? real : null;
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }
}
