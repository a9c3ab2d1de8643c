package dev.meerkat.cli;

import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine;

/** A time in seconds as curl takes it ({@code -m 2}, {@code --connect-timeout 0.5}): positive, fractions allowed. */
final class Seconds implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            BigDecimal seconds = new BigDecimal(value);
            if (seconds.signum() > 0) {
                return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // Told below.
        }
        throw new CommandLine.TypeConversionException("expected a positive number of seconds but was '" + value + "'");
    }
}
