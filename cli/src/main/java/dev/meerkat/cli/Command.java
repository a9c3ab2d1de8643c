package dev.meerkat.cli;

import java.io.PrintStream;

/**
 * One subcommand: picocli fills its option fields, then {@link #run} checks what picocli cannot,
 * does the work and returns the process exit status.
 */
interface Command {

    /** Results go to {@code out}, messages and progress to {@code err}. */
    int run(PrintStream out, PrintStream err) throws UsageException;
}
