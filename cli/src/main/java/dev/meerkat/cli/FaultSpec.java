package dev.meerkat.cli;

import dev.meerkat.faults.Fault;
import picocli.CommandLine;

/**
 * Converts a {@code --fault} value of {@code meerkat proxy} into a {@link Fault}. Counts (N bytes,
 * MS milliseconds) are whole numbers of at least 0.
 */
final class FaultSpec implements CommandLine.ITypeConverter<Fault> {

    static final String NAMES = "cut-after=N, rst-after=N, delay=MS, coalesce-close, drop-close-notify, "
            + "partial-record, one-byte-segments";

    @Override
    public Fault convert(String spec) {
        int eq = spec.indexOf('=');
        String name = eq < 0 ? spec : spec.substring(0, eq);
        String value = eq < 0 ? null : spec.substring(eq + 1);
        return switch (name) {
            case "cut-after" -> new Fault.CutAfter(count(name, value));
            case "rst-after" -> new Fault.ResetAfter(count(name, value));
            case "delay" -> new Fault.Delay(count(name, value));
            case "coalesce-close" -> plain(name, value, new Fault.CoalesceClose());
            case "drop-close-notify" -> plain(name, value, new Fault.DropCloseNotify());
            case "partial-record" -> plain(name, value, new Fault.PartialRecordAtEnd());
            case "one-byte-segments" -> plain(name, value, new Fault.OneByteSegments());
            default -> throw new CommandLine.TypeConversionException("expected one of " + NAMES + " but was '"
                    + spec + "'");
        };
    }

    private static long count(String name, String value) {
        try {
            long n = Long.parseLong(value == null ? "" : value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with what was given.
        }
        throw new CommandLine.TypeConversionException(name + " expects a whole number >= 0 after '=' but was "
                + (value == null ? "nothing" : "'" + value + "'"));
    }

    private static Fault plain(String name, String value, Fault fault) {
        if (value != null) {
            throw new CommandLine.TypeConversionException(name + " takes no value but was given '" + value + "'");
        }
        return fault;
    }
}
