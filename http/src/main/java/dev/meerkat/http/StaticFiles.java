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
 * outside the root is reachable: unsafe paths, and symbolic links that lead out, are 404. So is a
 * regular file with more than one hard link, which may be a file outside under a name inside
 * (nginx's {@code disable_symlinks} in spirit), unless {@link #withHardLinks()} allows it. What a
 * path resolved to is cached, with the bytes of small files, while one stat per request finds the
 * file unchanged; a change resolves the path again.
 *
 * <p>With gzip on, a text file (text/*, JSON, JavaScript, XML, SVG) of 256 bytes to 8 MiB goes out
 * gzip-coded to a client whose Accept-Encoding takes gzip, with its own ETag (coded once for a
 * file kept in memory); every text type's answer says {@code Vary: Accept-Encoding}. A range
 * request gets the file's bytes as they are (a range of the coded body would be useless to a
 * client that asked for the plain one), and so does a smaller file (coding would not pay) or a
 * larger one (it is coded in memory).
 *
 * <pre>{@code
 * StaticFiles files = new StaticFiles(Path.of("public"));
 * HttpServer.listen(manager, "http://127.0.0.1:8080", HttpServerOptions.defaults(), files.handler());
 * }</pre>
 */
public final class StaticFiles {

    /**
     * Entries kept; with {@link CachedFile#MAX_CONTENT} this bounds the cache to 4 MiB of file bytes
     * (and as much again, at most, of gzip-coded copies).
     */
    private static final int MAX_CACHED = 256;
    /**
     * The smallest region the connection sends itself (sendfile, or over TLS encrypted from the
     * file's batch buffer). Below one 64 KiB piece (the outbox's and the socket write's chunk) a
     * read file's body joins its head in one write; a region adds a write of its own for the head,
     * so it pays only where the read path needs several reads and writes, each copying the bytes
     * twice (into the heap, then the JDK's direct buffer or the TLS engine's).
     */
    static final int ZERO_COPY_MIN_BYTES = 64 * 1024;

    private final Path root;
    private final boolean gzip;
    private final boolean hardLinks;
    /** By request path; a handler may serve on several loops at once. */
    private final Map<String, CachedFile> cache = new ConcurrentHashMap<>();

    /**
     * Serves {@code root} without gzip.
     *
     * @param root an existing directory; its real path is taken now
     * @throws IOException when {@code root} does not exist or is not a directory
     */
    public StaticFiles(Path root) throws IOException {
        this(root, false);
    }

    /**
     * Serves {@code root}, gzip-coding text files when asked to.
     *
     * @param root an existing directory; its real path is taken now
     * @param gzip true to code text files for clients that take gzip
     * @throws IOException when {@code root} does not exist or is not a directory
     */
    public StaticFiles(Path root, boolean gzip) throws IOException {
        this(root, gzip, false);
    }

    private StaticFiles(Path root, boolean gzip, boolean hardLinks) throws IOException {
        this.gzip = gzip;
        this.hardLinks = hardLinks;
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new IOException("expected a directory to serve but was " + root);
        }
    }

    /**
     * A copy that also serves regular files with more than one hard link: for a root where every
     * link is known to stay inside (a hard link is the same file under another name, so no path
     * check can tell one that leads out).
     *
     * @return the copy
     * @throws IOException when the root is no longer a directory
     */
    public StaticFiles withHardLinks() throws IOException {
        return new StaticFiles(root, gzip, true);
    }

    /**
     * A handler that answers every request from this directory once the request is complete. It may
     * serve several servers and loops at once.
     *
     * @return the handler
     */
    public HttpHandler handler() {
        return (exchange, event) -> {
            // End when bodies stream, Message when they are buffered: the request is complete either way.
            if (event instanceof HttpEvent.End || event instanceof HttpEvent.Message) {
                serve(exchange);
            }
        };
    }

    /**
     * Answers {@code exchange} with the file its path names, or 404/405/304/206/416. Call it on the
     * loop thread once the request is complete, for a handler that serves files beside other routes.
     *
     * @param exchange the exchange to answer; it must have no reply yet
     */
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
            boolean inside = real.startsWith(root) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)
                    && (hardLinks || linkCount(real) == 1);
            return inside ? CachedFile.load(candidate, real, gzip) : null;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** The file's hard links; 1 where the file system cannot say (no "unix" attribute view). */
    private static int linkCount(Path real) throws IOException {
        try {
            return (Integer) Files.getAttribute(real, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return 1;
        }
    }

    private void serveFile(HttpExchange exchange, CachedFile file) throws IOException {
        Headers request = exchange.request().headers();
        long size = file.size;
        boolean coded = file.coded != null && takesGzip(request);
        CachedFile.Representation sent = coded ? file.coded : file.identity;
        String etag = sent.etag();
        if (notModified(request, etag, file.modified)) {
            exchange.reply(304, sent.validators(), new byte[0]);
            return;
        }
        Headers headers = sent.headers();
        if (coded) {
            if (sent.whole() != null) {
                exchange.replyPrepared(sent.whole(), file.gzipped());
            } else {
                exchange.reply(200, headers, file.gzipped());
            }
            return;
        }
        ByteRange.Result range = rangeOf(request, etag, size);
        switch (range.kind()) {
            case UNSATISFIABLE -> exchange.reply(416, headers.with("Content-Range", "bytes */" + size), new byte[0]);
            case SATISFIABLE -> {
                ByteRange r = range.range();
                replyRegion(exchange, 206, headers.with("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size),
                        file, r.first(), r.length());
            }
            case NONE -> replyWhole(exchange, file, sent);
        }
    }

    /** A file kept in memory goes out with its prepared head; a larger one is read as it is sent. */
    private static void replyWhole(HttpExchange exchange, CachedFile file, CachedFile.Representation sent)
            throws IOException {
        if (file.content != null && sent.whole() != null) {
            exchange.replyPrepared(sent.whole(), file.content);
        } else {
            replyRegion(exchange, 200, sent.headers(), file, 0, file.size);
        }
    }

    /**
     * A large region is the connection's to send ({@link dev.meerkat.Connection#sendFile}): sendfile
     * when plain, read a batch at a time into one direct buffer and encrypted from it over TLS.
     */
    private static void replyRegion(HttpExchange exchange, int status, Headers headers, CachedFile file,
            long offset, long length) throws IOException {
        boolean zeroCopy = length >= ZERO_COPY_MIN_BYTES;
        exchange.replyFile(status, headers, FileChannel.open(file.real, StandardOpenOption.READ), offset, length, zeroCopy);
    }

    /** True when Accept-Encoding takes gzip (RFC 9110 §12.5.3: not with q=0) and no Range asks for raw bytes. */
    private static boolean takesGzip(Headers request) {
        // Most requests carry no Accept-Encoding or carry Range: no token list is built for them.
        if (request.contains("Range") || !request.contains("Accept-Encoding")) {
            return false;
        }
        for (String coding : request.tokens("Accept-Encoding")) {
            String[] parts = coding.split(";");
            if (parts[0].strip().equalsIgnoreCase("gzip")) {
                return parts.length == 1 || !parts[1].strip().matches("(?i)q=0(\\.0*)?");
            }
        }
        return false;
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
