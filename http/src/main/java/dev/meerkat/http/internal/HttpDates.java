package dev.meerkat.http.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** IMF-fixdate (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT". */
public final class HttpDates {

    /** Two-digit day, unlike RFC_1123_DATE_TIME's output. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The last second formatted by {@link #now()}; every response carries it, so format it once a second. */
    private static volatile Stamp last = new Stamp(Long.MIN_VALUE, "", new byte[0]);

    /** A second, its date text and the Date field a response head carries for it. */
    private record Stamp(long second, String text, byte[] field) {}

    private HttpDates() {
    }

    /** The current time as a Date header value. */
    public static String now() {
        return at(System.currentTimeMillis());
    }

    /**
     * The field {@code Date: <now>\r\n} in ISO-8859-1, for a head written as bytes; the same array
     * all second, shared by every thread: never change it.
     */
    public static byte[] nowField() {
        return stampAt(System.currentTimeMillis()).field();
    }

    /** The IMF-fixdate of {@code epochMillis}, reused while the second does not change. */
    static String at(long epochMillis) {
        return stampAt(epochMillis).text();
    }

    static byte[] fieldAt(long epochMillis) {
        return stampAt(epochMillis).field();
    }

    private static Stamp stampAt(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Stamp stamp = last;
        if (stamp.second() != second) {
            String text = format(Instant.ofEpochSecond(second));
            stamp = new Stamp(second, text, ("Date: " + text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            last = stamp;
        }
        return stamp;
    }

    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** The instant of an HTTP date, or null when it does not parse (then the condition is ignored). */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
