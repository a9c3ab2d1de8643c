package dev.meerkat.tls.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One {@code openssl s_client} or {@code s_server} process as a hostile or picky peer, bounded in
 * time. It runs with an empty configuration ({@code OPENSSL_CONF=/dev/null}) so that a distribution's
 * system-wide floor (Debian's MinProtocol) cannot make a refusal pass without the peer ever offering
 * what the test says it offers. A missing openssl fails the test, as the test PKI does.
 */
public final class OpensslCommand implements AutoCloseable {

    private static final Path SYSTEM_OPENSSL = Path.of("/usr/bin/openssl");

    private final Process process;
    private final StringBuffer liveStdout = new StringBuffer();
    private final CompletableFuture<String> stdout;
    private final CompletableFuture<String> stderr;
    private final long startedNanos = System.nanoTime();

    private OpensslCommand(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Files.isExecutable(SYSTEM_OPENSSL) ? SYSTEM_OPENSSL.toString() : "openssl");
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OPENSSL_CONF", "/dev/null");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("the TLS policy cases need the openssl command line tool (e.g."
                    + " apt-get install openssl) but cannot run " + command + ": " + e.getMessage(), e);
        }
        stdout = collect(process.getInputStream(), liveStdout);
        stderr = collect(process.getErrorStream(), new StringBuffer());
    }

    /**
     * Starts {@code openssl arguments...}: /usr/bin/openssl when present, else the one on the PATH.
     *
     * @param arguments the subcommand and its options, such as {@code s_client -connect 127.0.0.1:4433}
     * @return the running process; close it
     * @throws IllegalStateException when openssl cannot be run, saying how to install it
     */
    public static OpensslCommand start(String... arguments) {
        return new OpensslCommand(List.of(arguments));
    }

    /**
     * Writes {@code line} and a newline to the process's standard input; does nothing once the
     * process exited.
     *
     * @param line the text, in US-ASCII, such as "R" (s_client's renegotiation request)
     */
    public void sendLine(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
        } catch (IOException e) {
            // The peer may already have ended the connection and exited: what it printed says so.
        }
    }

    /** Closes the process's standard input. */
    public void endInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already exited.
        }
    }

    /**
     * Waits up to {@code timeout} for the process to exit. An interrupt ends the wait and is kept.
     *
     * @param timeout how long to wait at most
     * @return true when the process exited; false when it is still running
     */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Time since the start.
     *
     * @return milliseconds since the process was started
     */
    public long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /**
     * Standard output once the process ended (call after {@link #awaitExit} or {@link #close}); blocks
     * until the process closes it.
     *
     * @return everything the process printed there, decoded as ISO-8859-1
     */
    public String stdout() {
        return stdout.join();
    }

    /**
     * Standard error once the process ended; blocks until the process closes it.
     *
     * @return everything the process printed there, decoded as ISO-8859-1
     */
    public String stderr() {
        return stderr.join();
    }

    /**
     * For failure messages: both outputs, once the process ended.
     *
     * @return standard output, then standard error, each labelled
     */
    public String transcript() {
        return "stdout:\n" + stdout() + "\nstderr:\n" + stderr();
    }

    /**
     * Kills the process if it still runs and waits for its output. Through its handle: {@code
     * Process.destroyForcibly()} also closes our ends of its pipes, which loses what it printed.
     */
    @Override
    public void close() {
        process.toHandle().destroyForcibly();
        awaitExit(Duration.ofSeconds(5));
    }

    /**
     * Waits up to {@code timeout} until standard output contains {@code text} (s_server's "ACCEPT");
     * fails with what the process printed.
     *
     * @param text    what to wait for
     * @param timeout how long to wait at most
     * @throws InterruptedException when the waiting thread is interrupted
     * @throws AssertionError       when the text does not come in time or the process exits first; the
     *                              process is killed
     */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!hasPrinted(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                close();
                throw new AssertionError("expected openssl to print '" + text + "' within " + timeout + "; "
                        + transcript());
            }
            Thread.sleep(10);
        }
    }

    /**
     * Whether standard output contains {@code text} yet, without waiting; for a caller that must keep
     * polling its own loop. Thread-safe: the output is read on a thread of its own.
     *
     * @param text what to look for, matched as ISO-8859-1 characters
     * @return true once the process printed it
     */
    public boolean hasPrinted(String text) {
        return liveStdout.indexOf(text) >= 0;
    }

    /** A thread of its own per stream: the common pool may have one thread on two cores. */
    private static CompletableFuture<String> collect(InputStream stream, StringBuffer live) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            byte[] chunk = new byte[4096];
            try (stream) {
                for (int n; (n = stream.read(chunk)) > 0; ) {
                    live.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                live.append("\n(reading the output failed: ").append(e).append(')');
            }
            text.complete(live.toString());
        }, "openssl-output");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
