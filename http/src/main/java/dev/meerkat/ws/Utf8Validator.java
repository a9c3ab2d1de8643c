package dev.meerkat.ws;

/**
 * Checks UTF-8 incrementally, byte by byte, so a text message split over fragments (or over reads)
 * fails as soon as its first bad byte arrives (RFC 6455 §8.1). The byte ranges are those of
 * RFC 3629 §4: no overlong forms, no surrogates, nothing above U+10FFFF.
 */
final class Utf8Validator {

    /** Continuation bytes still expected for the current code point. */
    private int needed;
    /** Bounds of the next continuation byte: narrower than 80..BF right after E0, ED, F0 and F4. */
    private int lower = 0x80;
    private int upper = 0xBF;

    /** Feeds {@code length} bytes; false at the first byte that cannot continue valid UTF-8. */
    boolean accept(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (!accept(bytes[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** True when no code point is left unfinished. */
    boolean isComplete() {
        return needed == 0;
    }

    void reset() {
        needed = 0;
        lower = 0x80;
        upper = 0xBF;
    }

    private boolean accept(int b) {
        if (needed > 0) {
            if (b < lower || b > upper) {
                return false;
            }
            lower = 0x80;
            upper = 0xBF;
            needed--;
            return true;
        }
        return leadByte(b);
    }

    private boolean leadByte(int b) {
        if (b < 0x80) {
            return true;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            needed = 2;
            lower = b == 0xE0 ? 0xA0 : 0x80;
            upper = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            needed = 3;
            lower = b == 0xF0 ? 0x90 : 0x80;
            upper = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        return true;
    }
}
