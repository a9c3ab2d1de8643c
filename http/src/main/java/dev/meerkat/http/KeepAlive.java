package dev.meerkat.http;

/** RFC 9112 §9.3: whether a connection persists after a message. */
final class KeepAlive {

    private KeepAlive() {
    }

    static boolean of(HttpVersion version, Headers headers) {
        if (headers.hasToken("Connection", "close")) {
            return false;
        }
        return version == HttpVersion.HTTP_1_1 || headers.hasToken("Connection", "keep-alive");
    }
}
