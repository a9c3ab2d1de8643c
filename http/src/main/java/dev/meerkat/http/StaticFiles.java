package dev.meerkat.http;

import dev.meerkat.http.internal.ByteRange;
import dev.meerkat.http.internal.HttpDates;
import dev.meerkat.http.internal.RequestPaths;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Serves files from one directory: GET and HEAD, ETag and Last-Modified with 304 answers, one
 * byte range (206/416), content types by extension, {@code index.html} for directories. Nothing
 * outside the root is reachable: unsafe paths, and symbolic links that lead out, are 404. What a
 * path resolved to is cached, with the bytes of small files, while one stat per request finds the
 * file unchanged; a change resolves the path again.
 *
 * <pre>{@code
 * StaticFiles files = new StaticFiles(Path.of("public"));
 * HttpServer.listen(manager, "http://127.0.0.1:8080", HttpServerOptions.defaults(), files.handler());
 * }</pre>
 */
public final class StaticFiles {

    /** Entries kept; with {@link CachedFile#MAX_CONTENT} this bounds the cache to 4 MiB of file bytes. */
    private static final int MAX_CACHED = 256;

    private final Path root;
    /** By request path; a handler may serve on several loops at once. */
    private final Map<String, CachedFile> cache = new ConcurrentHashMap<>();

    /** {@code root} must be an existing directory. */
    public StaticFiles(Path root) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new IOException("expected a directory to serve but was " + root);
        }
    }

    /** A handler that answers every request from this directory. */
    public HttpHandler handler() {
        return (exchange, event) -> {
            // End when bodies stream, Message when they are buffered: the request is complete either way.
            if (event instanceof HttpEvent.End || event instanceof HttpEvent.Message) {
                serve(exchange);
            }
        };
    }

    /** Answers {@code exchange} with the file its path names, or 404/405/304/206/416. */
    public void serve(HttpExchange exchange) {
        HttpRequestHead request = exchange.request();
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            exchange.reply(405, Headers.of("Allow", "GET, HEAD"), new byte[0]);
            return;
        }
        CachedFile file = find(request.path());
        if (file == null) {
            exchange.reply(404, "not found\n");
            return;
        }
        try {
            serveFile(exchange, file);
        } catch (IOException e) {
            exchange.reply(404, "not found\n");
        }
    }

    /** The file {@code path} names: from the cache while unchanged, else resolved with every check. */
    private @Nullable CachedFile find(String path) {
        CachedFile cached = cache.get(path);
        if (cached != null && cached.unchanged()) {
            return cached;
        }
        CachedFile fresh = resolve(path);
        if (fresh == null) {
            cache.remove(path);
        } else {
            remember(path, fresh);
        }
        return fresh;
    }

    /** Bounded by forgetting everything when full: request paths come from clients. */
    private void remember(String path, CachedFile file) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(path, file);
    }

    /** The regular file {@code path} names inside the root, else null. */
    private @Nullable CachedFile resolve(String path) {
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
                candidate = candidate.resolve("index.html");
                real = real.resolve("index.html").toRealPath();
            }
            boolean inside = real.startsWith(root) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS);
            return inside ? CachedFile.load(candidate, real) : null;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private void serveFile(HttpExchange exchange, CachedFile file) throws IOException {
        if (notModified(exchange.request().headers(), file.etag, file.modified)) {
            exchange.reply(304, file.validators, new byte[0]);
            return;
        }
        long size = file.size;
        ByteRange.Result range = rangeOf(exchange.request().headers(), file.etag, size);
        switch (range.kind()) {
            case UNSATISFIABLE -> exchange.reply(416, file.headers.with("Content-Range", "bytes */" + size), new byte[0]);
            case SATISFIABLE -> {
                ByteRange r = range.range();
                exchange.replyFile(206, file.headers.with("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size),
                        FileChannel.open(file.real, StandardOpenOption.READ), r.first(), r.length());
            }
            case NONE -> replyWhole(exchange, file);
        }
    }

    private static void replyWhole(HttpExchange exchange, CachedFile file) throws IOException {
        if (file.content != null) {
            exchange.reply(200, file.headers, file.content);
        } else {
            exchange.replyFile(200, file.headers, FileChannel.open(file.real, StandardOpenOption.READ), 0, file.size);
        }
    }

    /** RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since. */
    private static boolean notModified(Headers request, String etag, Instant modified) {
        if (request.contains("If-None-Match")) {
            for (String tag : request.tokens("If-None-Match")) {
                if (tag.equals("*") || weakStrip(tag).equals(etag)) {
                    return true;
                }
            }
            return false;
        }
        Instant since = HttpDates.parse(request.get("If-Modified-Since"));
        return since != null && !modified.isAfter(since);
    }

    /** A Range applies only when If-Range, if present, names the current ETag (RFC 9110 §13.1.5). */
    private static ByteRange.Result rangeOf(Headers request, String etag, long size) {
        String ifRange = request.get("If-Range");
        if (ifRange != null && !ifRange.equals(etag)) {
            return ByteRange.parse(null, size);
        }
        return ByteRange.parse(request.get("Range"), size);
    }

    /** Weak comparison (RFC 9110 §8.8.3.2): W/"x" matches "x". */
    private static String weakStrip(String tag) {
        return tag.startsWith("w/") || tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
