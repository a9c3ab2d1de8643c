package dev.meerkat.mqtt;

/**
 * Topic names and filters (MQTT 5.0 section 4.7): {@code +} matches one level, {@code #} the rest
 * (and the parent level), and filters starting with a wildcard do not match topics starting with $.
 */
public final class Topics {

    private Topics() {
    }

    /**
     * Whether a message on {@code topic} reaches a subscription to {@code filter}. Neither is checked:
     * check them first with {@link #checkFilter} and {@link #checkName}.
     *
     * @param filter the topic filter, such as {@code sensors/+/temp}
     * @param topic the topic name, such as {@code sensors/kitchen/temp}
     * @return true when {@code filter} matches {@code topic}
     */
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

    /**
     * Checks a topic filter: not empty, no U+0000, {@code #} last and alone in its level, {@code +}
     * alone in its level.
     *
     * @param filter the topic filter
     * @throws IllegalArgumentException if {@code filter} is not a valid filter, saying which level is wrong
     */
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

    /**
     * Checks a topic name: not empty, without wildcards and without U+0000.
     *
     * @param topic the topic name
     * @throws IllegalArgumentException if {@code topic} is not a valid topic name
     */
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
