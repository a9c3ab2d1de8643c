package dev.meerkat.http;

import dev.meerkat.http.internal.ContentTypes;
import dev.meerkat.http.internal.HttpDates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A file {@link StaticFiles} resolved once: where it really is, its validators and response headers,
 * and its bytes when small, both for the file as it is and, for a text file served gzip-coded, for
 * the coded body: a request answered from the cache formats, codes and copies nothing. It stays
 * valid while one stat of the requested path finds the same file (device and inode), size and
 * modification time; any change resolves the path again, with every check on symbolic links.
 */
final class CachedFile {

    /** Files up to this size are kept in memory: no open, read and close per request. */
    static final int MAX_CONTENT = 16 * 1024;
    static final int GZIP_MIN_BYTES = 256;
    static final int GZIP_MAX_BYTES = 8 * 1024 * 1024;

    /**
     * A file changed within this long before it was loaded may change again within the same
     * timestamp tick, unseen by its modification time (git's "racy" case): such an entry is never
     * trusted.
     */
    private static final long SETTLED_MILLIS = 2_000;

    /** No option: links followed. One array, not a varargs array per request. */
    private static final LinkOption[] FOLLOW_LINKS = {};

    final Path probe;
    final Path real;
    final long size;
    final Instant modified;
    /** The file as it is. */
    final Representation identity;
    /** The gzip-coded body, for a client that takes it; null when gzip is off or would not pay. */
    final @Nullable Representation coded;
    /** The file's bytes when small, else null: read per request. */
    final byte @Nullable [] content;
    /** The coded bytes of a small file, else null: coded per request. */
    private final byte @Nullable [] gzippedContent;
    private final @Nullable Object fileKey;
    private final FileTime modifiedTime;
    private final boolean trusted;

    /**
     * One body the file is sent as.
     *
     * @param etag       its own ETag: a coded body is another representation (RFC 9110 section 8.8.3)
     * @param validators ETag and Last-Modified (and Vary for a text type under gzip), as a 304 carries them
     * @param headers    the validators, Content-Type and Accept-Ranges (and Content-Encoding) of a 200
     * @param whole      the whole body's 200 head, Content-Length included, when the body is kept in
     *                   memory; else null
     */
    record Representation(String etag, Headers validators, Headers headers, @Nullable PreparedHead whole) {}

    private CachedFile(Path probe, Path real, BasicFileAttributes attributes, byte @Nullable [] content,
            boolean gzip, boolean trusted) throws IOException {
        this.probe = probe;
        this.real = real;
        this.size = attributes.size();
        this.fileKey = attributes.fileKey();
        this.modifiedTime = attributes.lastModifiedTime();
        this.modified = modifiedTime.toInstant().truncatedTo(ChronoUnit.SECONDS);
        String type = ContentTypes.of(real.getFileName().toString());
        boolean varies = gzip && compressible(type);
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.getEpochSecond()) + "\"";
        this.content = content;
        this.identity = representation(etag, varies, type, false, content);
        boolean codes = varies && size >= GZIP_MIN_BYTES && size <= GZIP_MAX_BYTES;
        this.gzippedContent = codes && content != null ? gzip(content, real) : null;
        this.coded = codes ? representation(etag.substring(0, etag.length() - 1) + "-gzip\"", true, type, true, gzippedContent)
                : null;
        this.trusted = trusted && fileKey != null;
    }

    /**
     * Reads {@code real}'s attributes, and its bytes when small; {@code probe} is the path a request
     * names (the index file for a directory), which {@link #unchanged()} checks. With {@code gzip},
     * a text file also gets its coded representation.
     */
    static CachedFile load(Path probe, Path real, boolean gzip) throws IOException {
        long now = System.currentTimeMillis();
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
        byte[] content = attributes.size() <= MAX_CONTENT ? Files.readAllBytes(real) : null;
        // A file that changed while read is served from disk and resolved again next time.
        boolean torn = content != null && content.length != attributes.size();
        boolean settled = attributes.lastModifiedTime().toMillis() < now - SETTLED_MILLIS;
        return new CachedFile(probe, real, attributes, torn ? null : content, gzip, settled && !torn);
    }

    private Representation representation(String etag, boolean varies, String type, boolean gzipCoded,
            byte @Nullable [] body) {
        Headers validators = varies
                ? Headers.of("ETag", etag, "Last-Modified", HttpDates.format(modified), "Vary", "Accept-Encoding")
                : Headers.of("ETag", etag, "Last-Modified", HttpDates.format(modified));
        Headers.Builder headers = validators.toBuilder().add("Content-Type", type).add("Accept-Ranges", "bytes");
        if (gzipCoded) {
            headers.add("Content-Encoding", "gzip");
        }
        Headers built = headers.build();
        return new Representation(etag, validators, built, body == null ? null : PreparedHead.of(200, built, body.length));
    }

    /** Text types, which gzip codes well. */
    private static boolean compressible(String type) {
        return type.startsWith("text/") || type.contains("json") || type.contains("javascript") || type.contains("xml");
    }

    /** The coded body: kept for a small file, coded from disk per request for a larger one. */
    byte[] gzipped() throws IOException {
        return gzippedContent != null ? gzippedContent : gzip(null, real);
    }

    private static byte[] gzip(byte @Nullable [] content, Path real) throws IOException {
        ByteArrayOutputStream coded = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(coded)) {
            if (content != null) {
                out.write(content);
            } else {
                Files.copy(real, out);
            }
        }
        return coded.toByteArray();
    }

    /** True while the requested path still leads to this very file, unmodified. */
    boolean unchanged() {
        if (!trusted) {
            return false;
        }
        try {
            BasicFileAttributes now = Files.readAttributes(probe, BasicFileAttributes.class, FOLLOW_LINKS);
            return now.isRegularFile() && Objects.equals(now.fileKey(), fileKey) && now.size() == size
                    && now.lastModifiedTime().equals(modifiedTime);
        } catch (IOException e) {
            return false;
        }
    }
}
