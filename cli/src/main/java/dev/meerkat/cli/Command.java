package dev.meerkat.cli;

import java.io.PrintStream;

/** One subcommand, parsed: {@link #run} does the work and returns the process exit status. */
interface Command {

    /** Results go to {@code out}, messages and progress to {@code err}. */
    int run(PrintStream out, PrintStream err) throws UsageException;
}
