package dev.meerkat.http;

/** The HTTP/1.x versions Meerkat speaks. A higher minor version is treated as 1.1 (RFC 9110 §6.2). */
public enum HttpVersion {
    /** HTTP/1.0: connections close after each exchange unless {@code Connection: keep-alive}. */
    HTTP_1_0("HTTP/1.0"),
    /** HTTP/1.1: persistent connections, chunked bodies, {@code Host} required. */
    HTTP_1_1("HTTP/1.1");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /**
     * The version as on the wire.
     *
     * @return {@code HTTP/1.0} or {@code HTTP/1.1}
     */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
