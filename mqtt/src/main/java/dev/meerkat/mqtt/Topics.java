package dev.meerkat.mqtt;

/**
 * Topic names and filters (MQTT 5.0 section 4.7): {@code +} matches one level, {@code #} the rest
 * (and the parent level), and filters starting with a wildcard do not match topics starting with $.
 */
public final class Topics {

    private Topics() {
    }

    /** True when {@code filter} matches {@code topic}. */
    public static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /** Throws unless {@code filter} is a valid filter: not empty, {@code #} last and alone in its level, {@code +} alone. */
    public static void checkFilter(String filter) {
        checkText(filter, "topic filter");
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean wildcard = level.contains("+") || level.contains("#");
            if (wildcard && !(level.equals("+") || level.equals("#") && i == levels.length - 1)) {
                throw new IllegalArgumentException("expected '+' or a last '#' alone in a level of the topic filter '"
                        + filter + "' but level " + (i + 1) + " is '" + level + "'");
            }
        }
    }

    /** Throws unless {@code topic} is a valid topic name: not empty and without wildcards. */
    public static void checkName(String topic) {
        checkText(topic, "topic name");
        if (topic.contains("+") || topic.contains("#")) {
            throw new IllegalArgumentException("expected a topic name without wildcards but was '" + topic + "'");
        }
    }

    private static void checkText(String text, String what) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("expected a non-empty " + what + " but was " + (text == null ? "null" : "''"));
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("expected a " + what + " without U+0000 but was '" + text + "'");
        }
    }
}
