package dev.meerkat.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Header fields in arrival order. Names compare case-insensitively (RFC 9110 §5.1); a name may
 * occur several times. Immutable: build one with {@link #builder()} or {@link #of(String...)}.
 */
public final class Headers implements Iterable<Headers.Field> {

    /** One field line: a name and its value with surrounding whitespace removed. */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private static final Headers EMPTY = new Headers(List.of());

    private final List<Field> fields;

    private Headers(List<Field> fields) {
        this.fields = fields;
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** Headers from alternating names and values: {@code of("Content-Type", "text/plain")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "expected names and values in pairs but was " + namesAndValues.length + " strings");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first value of {@code name}, or null. */
    public @Nullable String get(String name) {
        // Indexed, as in the lookups below: an iterator would be allocated per call on the request path.
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** Every value of {@code name} in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (f.name().equalsIgnoreCase(name)) {
                values.add(f.value());
            }
        }
        return values;
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * True when a comma-separated list in any {@code name} field holds {@code token}, ignoring case
     * (RFC 9110 §5.6.1), as for {@code Connection: keep-alive, Upgrade}.
     */
    public boolean hasToken(String name, String token) {
        if (token.isEmpty()) {
            return false;
        }
        // Scanned in place: each response asks for Connection: close, so no list is built.
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (f.name().equalsIgnoreCase(name) && listHas(f.value(), token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean listHas(String list, String token) {
        for (int start = 0; start <= list.length(); ) {
            int end = list.indexOf(',', start);
            end = end < 0 ? list.length() : end;
            if (elementIs(list, start, end, token)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** True when {@code list[from, to)}, stripped as {@link String#strip()} does, is {@code token} in any case. */
    private static boolean elementIs(String list, int from, int to, String token) {
        while (from < to && Character.isWhitespace(list.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(list.charAt(to - 1))) {
            to--;
        }
        return to - from == token.length() && list.regionMatches(true, from, token, 0, token.length());
    }

    /** The lower-cased, trimmed, non-empty elements of every {@code name} field's list. */
    public List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>();
        for (String value : all(name)) {
            for (String element : value.split(",")) {
                String t = element.strip();
                if (!t.isEmpty()) {
                    tokens.add(t.toLowerCase(Locale.ROOT));
                }
            }
        }
        return tokens;
    }

    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public List<Field> fields() {
        return fields;
    }

    /** A copy with {@code name: value} added at the end. */
    public Headers with(String name, String value) {
        return toBuilder().add(name, value).build();
    }

    /** A copy where {@code name} has only {@code value}, placed where the first one was (or at the end). */
    public Headers withReplaced(String name, String value) {
        return toBuilder().set(name, value).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.fields.addAll(fields);
        return b;
    }

    @Override
    public Iterator<Field> iterator() {
        return fields.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    /** Collects fields; not thread-safe. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        private Builder() {
        }

        public Builder add(String name, String value) {
            fields.add(new Field(name, value));
            return this;
        }

        /** Replaces every {@code name} field with one {@code name: value}. */
        public Builder set(String name, String value) {
            int at = indexOf(name);
            remove(name);
            fields.add(at < 0 ? fields.size() : at, new Field(name, value));
            return this;
        }

        public Builder remove(String name) {
            fields.removeIf(f -> f.name().equalsIgnoreCase(name));
            return this;
        }

        public int size() {
            return fields.size();
        }

        public Headers build() {
            return fields.isEmpty() ? EMPTY : new Headers(List.copyOf(fields));
        }

        private int indexOf(String name) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
