package dev.meerkat.http;

/**
 * Bounds on what a parser accepts before it answers with an error.
 *
 * @param maxStartLineLength request or status line without its CRLF; a longer request line is 414
 * @param maxHeaderCount     field lines in the header (or trailer) section; more is 431
 * @param maxHeaderBytes     bytes of the header (or trailer) section with CRLFs; more is 431
 * @param maxChunkLineLength a chunk-size line with its extensions; longer is 400
 */
public record HttpLimits(int maxStartLineLength, int maxHeaderCount, int maxHeaderBytes, int maxChunkLineLength) {

    /**
     * Checks the limits.
     *
     * @param maxStartLineLength request or status line without its CRLF, at least 16
     * @param maxHeaderCount     field lines in a section, at least 1
     * @param maxHeaderBytes     bytes of a section with CRLFs, at least 16
     * @param maxChunkLineLength a chunk-size line with its extensions, at least 8
     * @throws IllegalArgumentException when a start or header limit is under 16 bytes, the field count
     *     under 1, or the chunk line limit under 8 bytes
     */
    public HttpLimits {
        if (maxStartLineLength < 16 || maxHeaderCount < 1 || maxHeaderBytes < 16 || maxChunkLineLength < 8) {
            throw new IllegalArgumentException("limits too small: " + maxStartLineLength + ", " + maxHeaderCount
                    + ", " + maxHeaderBytes + ", " + maxChunkLineLength);
        }
    }

    /**
     * 8 KiB start line, 100 fields, 64 KiB header section, 4 KiB chunk-size line.
     *
     * @return the default limits
     */
    public static HttpLimits defaults() {
        return new HttpLimits(8 * 1024, 100, 64 * 1024, 4 * 1024);
    }
}
