package dev.meerkat.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A cursor over one command's arguments. Each command reads its options in a loop:
 * {@code while (args.hasNext()) { String a = args.next(); switch (a) { case "-o" -> out = args.value(a); ... } }}.
 * Options take their value as the next argument or after {@code =} ({@code --tls=jdk}).
 */
final class Args {

    private final String command;
    private final List<String> args;
    private int index;
    private String inlineValue;

    Args(String command, List<String> args) {
        this.command = command;
        this.args = List.copyOf(args);
    }

    boolean hasNext() {
        return index < args.size();
    }

    /** The next argument; for {@code --name=value} the name, the value kept for {@link #value}. */
    String next() {
        String arg = args.get(index++);
        inlineValue = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 2) {
            inlineValue = arg.substring(eq + 1);
            return arg.substring(0, eq);
        }
        return arg;
    }

    /** The value of {@code option}: after its {@code =}, else the next argument. */
    String value(String option) throws UsageException {
        if (inlineValue != null) {
            String v = inlineValue;
            inlineValue = null;
            return v;
        }
        if (!hasNext()) {
            throw new UsageException(command + ": option " + option + " expects a value but none was given");
        }
        return args.get(index++);
    }

    int positiveInt(String option) throws UsageException {
        String text = value(option);
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with what was given.
        }
        throw new UsageException(command + ": option " + option + " expects a positive whole number but was '" + text + "'");
    }

    /** The value of {@code option}, which must be one of {@code allowed} (compared in lower case). */
    String choice(String option, Set<String> allowed) throws UsageException {
        String text = value(option).toLowerCase(Locale.ROOT);
        if (!allowed.contains(text)) {
            throw new UsageException(command + ": option " + option + " expects one of " + sorted(allowed)
                    + " but was '" + text + "'");
        }
        return text;
    }

    /** Fails for an argument no case of the command's loop took. */
    UsageException unknown(String arg) {
        if (arg.startsWith("-") && arg.length() > 1) {
            return new UsageException(command + ": unknown option '" + arg + "'");
        }
        return new UsageException(command + ": unexpected argument '" + arg + "'");
    }

    /** Fails when a required positional argument is missing. */
    UsageException missing(String what) {
        return new UsageException(command + ": expected " + what + " but none was given");
    }

    private static List<String> sorted(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }
}
