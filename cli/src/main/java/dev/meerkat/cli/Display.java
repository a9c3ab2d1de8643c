package dev.meerkat.cli;

import java.nio.file.Path;

/**
 * What {@code get} writes: the body to {@code output} (null: stdout), the head before it
 * ({@code -i}, {@code -I}), the exchange to stderr ({@code -v}), no body for an error status
 * ({@code -f}), no failure message ({@code quiet}: {@code -s} without {@code -S}), and the
 * {@code -w} format after each transfer (null: none).
 */
record Display(Path output, boolean includeHead, boolean verbose, boolean fail, boolean quiet, String writeOut) {
}
