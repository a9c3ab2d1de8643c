package dev.meerkat.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code meerkat} command, parsed with picocli. Exit status: 0 success, 1 failure, 2 usage
 * error; {@code get} names its failure with curl's codes (see {@link Failure}).
 */
@CommandLine.Command(name = "meerkat", scope = CommandLine.ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Version.class, sortOptions = false,
        description = "Event-driven HTTP and TLS over pluggable TLS providers.",
        subcommands = {DemoCommand.class, ProvidersCommand.class, GetCommand.class, ServeCommand.class,
                SoakCommand.class, MqttCommand.class, ProxyCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    static final int SUCCESS = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private Main() {
    }

    /**
     * Runs the command and exits with its status (0 success, 1 failure, 2 usage; {@code get} has more).
     *
     * @param args the command line, e.g. {@code get -v https://example.com/}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; returns the exit status. Results go to {@code out}, messages to {@code err}. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = commandLine();
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        line.setOut(outWriter).setErr(errWriter);
        line.setParameterExceptionHandler((e, a) -> usageError(describe(e), err));
        line.setExecutionStrategy(parsed -> execute(parsed, out, err));
        try {
            return line.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** Parses {@code args} into {@code command}, as {@code meerkat} would for its subcommand. */
    static <T extends Command> T parse(T command, List<String> args) throws UsageException {
        CommandLine line = configured(new CommandLine(command));
        try {
            line.parseArgs(args.toArray(String[]::new));
            return command;
        } catch (ParameterException e) {
            throw new UsageException(describe(e), e);
        }
    }

    private static CommandLine commandLine() {
        return configured(new CommandLine(new Main()));
    }

    /**
     * As curl: {@code -d @FILE} is read by the command itself, picocli must not expand it into
     * arguments; a flag given twice ({@code -s -s}) is no error, the last value wins.
     */
    private static CommandLine configured(CommandLine line) {
        return line.setExpandAtFiles(false).setOverwrittenOptionsAllowed(true);
    }

    private static int execute(ParseResult parsed, PrintStream out, PrintStream err) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        List<CommandLine> chain = parsed.asCommandLineList();
        if (!(chain.get(chain.size() - 1).getCommand() instanceof Command command)) {
            chain.get(0).usage(err);
            return USAGE;
        }
        try {
            return command.run(out, err);
        } catch (UsageException e) {
            return usageError(e.getMessage(), err);
        }
    }

    private static int usageError(String message, PrintStream err) {
        err.println("meerkat: " + message);
        err.println("run 'meerkat help' for usage");
        return USAGE;
    }

    /** picocli's message after the subcommand's name; an unknown subcommand lists the known ones. */
    private static String describe(ParameterException e) {
        CommandLine where = e.getCommandLine();
        if (!(where.getCommand() instanceof Main)) {
            return where.getCommandName() + ": " + e.getMessage();
        }
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            return "expected a command (" + String.join(", ", where.getSubcommands().keySet()) + ") but was '"
                    + u.getUnmatched().get(0) + "'";
        }
        return e.getMessage();
    }
}
