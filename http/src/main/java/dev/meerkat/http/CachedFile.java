package dev.meerkat.http;

import dev.meerkat.http.internal.ContentTypes;
import dev.meerkat.http.internal.HttpDates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A file {@link StaticFiles} resolved once: where it really is, its validators and response headers,
 * and its bytes when small. It stays valid while one stat of the requested path finds the same file
 * (device and inode), size and modification time; any change resolves the path again, with every
 * check on symbolic links.
 */
final class CachedFile {

    /** Files up to this size are kept in memory: no open, read and close per request. */
    static final int MAX_CONTENT = 16 * 1024;

    /**
     * A file changed within this long before it was loaded may change again within the same
     * timestamp tick, unseen by its modification time (git's "racy" case): such an entry is never
     * trusted.
     */
    private static final long SETTLED_MILLIS = 2_000;

    final Path probe;
    final Path real;
    final long size;
    final Instant modified;
    final String etag;
    final String type;
    /** ETag and Last-Modified, as a 304 carries them. */
    final Headers validators;
    /** The validators, Content-Type and Accept-Ranges of a 200. */
    final Headers headers;
    final byte @Nullable [] content;
    private final @Nullable Object fileKey;
    private final FileTime modifiedTime;
    private final boolean trusted;

    private CachedFile(Path probe, Path real, BasicFileAttributes attributes, byte @Nullable [] content,
            boolean trusted) {
        this.probe = probe;
        this.real = real;
        this.size = attributes.size();
        this.fileKey = attributes.fileKey();
        this.modifiedTime = attributes.lastModifiedTime();
        this.modified = modifiedTime.toInstant().truncatedTo(ChronoUnit.SECONDS);
        this.etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.getEpochSecond()) + "\"";
        this.validators = Headers.of("ETag", etag, "Last-Modified", HttpDates.format(modified));
        this.type = ContentTypes.of(real.getFileName().toString());
        this.headers = validators.with("Content-Type", type)
                .with("Accept-Ranges", "bytes");
        this.content = content;
        this.trusted = trusted && fileKey != null;
    }

    /**
     * Reads {@code real}'s attributes, and its bytes when small; {@code probe} is the path a request
     * names (the index file for a directory), which {@link #unchanged()} checks.
     */
    static CachedFile load(Path probe, Path real) throws IOException {
        long now = System.currentTimeMillis();
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
        byte[] content = attributes.size() <= MAX_CONTENT ? Files.readAllBytes(real) : null;
        // A file that changed while read is served from disk and resolved again next time.
        boolean torn = content != null && content.length != attributes.size();
        boolean settled = attributes.lastModifiedTime().toMillis() < now - SETTLED_MILLIS;
        return new CachedFile(probe, real, attributes, torn ? null : content, settled && !torn);
    }

    /** True while the requested path still leads to this very file, unmodified. */
    boolean unchanged() {
        if (!trusted) {
            return false;
        }
        try {
            BasicFileAttributes now = Files.readAttributes(probe, BasicFileAttributes.class);
            return now.isRegularFile() && Objects.equals(now.fileKey(), fileKey) && now.size() == size
                    && now.lastModifiedTime().equals(modifiedTime);
        } catch (IOException e) {
            return false;
        }
    }
}
