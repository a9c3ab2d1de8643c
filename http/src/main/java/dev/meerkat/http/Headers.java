package dev.meerkat.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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

    /**
     * One field line: a name and its value with surrounding whitespace removed.
     *
     * @param name  the field name, in the case it arrived or was given in
     * @param value the field value, possibly empty
     */
    public record Field(String name, String value) {
        /**
         * Checks that both parts are present.
         *
         * @param name  the field name
         * @param value the field value
         * @throws NullPointerException when {@code name} or {@code value} is null
         */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private static final Headers EMPTY = new Headers(new Field[0]);

    /**
     * Never changed once built. Lookups index the array: each request and response looks fields
     * up, and a list's interface call there is dispatched over several list classes.
     */
    private final Field[] array;

    private Headers(Field[] array) {
        this.array = array;
    }

    /**
     * No fields.
     *
     * @return the shared empty instance
     */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Headers from alternating names and values: {@code of("Content-Type", "text/plain")}.
     *
     * @param namesAndValues a name, then its value, repeated; fields keep this order
     * @return the headers
     * @throws IllegalArgumentException when the count is odd
     * @throws NullPointerException when a name or value is null
     */
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

    /**
     * An empty builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The first value of {@code name}.
     *
     * @param name the field name, in any case
     * @return the first value, or null when no field has that name
     */
    public @Nullable String get(String name) {
        // Over the array, as in the lookups below: no iterator is allocated on the request path.
        for (Field f : array) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /**
     * Every value of {@code name} in order.
     *
     * @param name the field name, in any case
     * @return the values, empty when none; a new list each call
     */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field f : array) {
            if (f.name().equalsIgnoreCase(name)) {
                values.add(f.value());
            }
        }
        return values;
    }

    /**
     * Whether a field has this name.
     *
     * @param name the field name, in any case
     * @return true when at least one field has it
     */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * True when a comma-separated list in any {@code name} field holds {@code token}, ignoring case
     * (RFC 9110 §5.6.1), as for {@code Connection: keep-alive, Upgrade}.
     *
     * @param name  the field name, in any case
     * @param token the list element to look for; empty never matches
     * @return true when an element equals {@code token} ignoring case and surrounding whitespace
     */
    public boolean hasToken(String name, String token) {
        if (token.isEmpty()) {
            return false;
        }
        // Scanned in place: each response asks for Connection: close, so no list is built.
        for (Field f : array) {
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

    /**
     * The lower-cased, trimmed, non-empty elements of every {@code name} field's list.
     *
     * @param name the field name, in any case
     * @return the elements in order, empty when none; a new list each call
     */
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

    /**
     * The number of field lines, a repeated name counted each time.
     *
     * @return the field count
     */
    public int size() {
        return array.length;
    }

    /**
     * Whether there are no fields.
     *
     * @return true when there are none
     */
    public boolean isEmpty() {
        return array.length == 0;
    }

    /**
     * Every field in order.
     *
     * @return the fields, an unmodifiable view
     */
    public List<Field> fields() {
        // A view made when asked: most Headers (each request's, each response's copies) are never asked.
        return Collections.unmodifiableList(Arrays.asList(array));
    }

    /** The fields as an array, for {@link HeaderWriter}; not to be changed. */
    Field[] array() {
        return array;
    }

    /**
     * A copy with {@code name: value} added at the end.
     *
     * @param name  the field name
     * @param value the field value
     * @return the new headers; these stay as they are
     */
    public Headers with(String name, String value) {
        // One array copy, no builder: every response adds its Date and Content-Length this way.
        Field[] added = Arrays.copyOf(array, array.length + 1);
        added[array.length] = new Field(name, value);
        return new Headers(added);
    }

    /**
     * A copy where {@code name} has only {@code value}, placed where the first one was (or at the end).
     *
     * @param name  the field name, in any case
     * @param value the one value it keeps
     * @return the new headers; these stay as they are
     */
    public Headers withReplaced(String name, String value) {
        return contains(name) ? toBuilder().set(name, value).build() : with(name, value);
    }

    /**
     * A builder holding these fields; changing it leaves these headers as they are.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fields.addAll(Arrays.asList(array));
        return b;
    }

    @Override
    public Iterator<Field> iterator() {
        return fields().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && Arrays.equals(array, other.array);
    }

    @Override
    public int hashCode() {
        // The same value as List.hashCode of the fields.
        return Arrays.hashCode(array);
    }

    @Override
    public String toString() {
        return Arrays.asList(array).toString();
    }

    /** Collects fields; not thread-safe. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds {@code name: value} at the end.
         *
         * @param name  the field name
         * @param value the field value
         * @return this builder
         * @throws NullPointerException when {@code name} or {@code value} is null
         */
        public Builder add(String name, String value) {
            fields.add(new Field(name, value));
            return this;
        }

        /**
         * Replaces every {@code name} field with one {@code name: value}, placed where the first one
         * was (or at the end).
         *
         * @param name  the field name, in any case
         * @param value the one value it keeps
         * @return this builder
         */
        public Builder set(String name, String value) {
            int at = indexOf(name);
            remove(name);
            fields.add(at < 0 ? fields.size() : at, new Field(name, value));
            return this;
        }

        /**
         * Removes every field with this name.
         *
         * @param name the field name, in any case
         * @return this builder
         */
        public Builder remove(String name) {
            fields.removeIf(f -> f.name().equalsIgnoreCase(name));
            return this;
        }

        /**
         * The number of fields added so far.
         *
         * @return the field count
         */
        public int size() {
            return fields.size();
        }

        /**
         * Headers holding the fields added so far; the builder may go on.
         *
         * @return the headers
         */
        public Headers build() {
            return fields.isEmpty() ? EMPTY : new Headers(fields.toArray(new Field[0]));
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
