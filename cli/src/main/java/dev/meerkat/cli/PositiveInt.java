package dev.meerkat.cli;

import picocli.CommandLine;

/** Converts an option value that must be a whole number of at least 1. */
final class PositiveInt implements CommandLine.ITypeConverter<Integer> {

    @Override
    public Integer convert(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with what was given.
        }
        throw new CommandLine.TypeConversionException("expected a positive whole number but was '" + text + "'");
    }
}
