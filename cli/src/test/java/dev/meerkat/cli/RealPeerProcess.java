package dev.meerkat.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real peer server running for one test; its output goes to a log file that failures quote. */
final class RealPeerProcess implements AutoCloseable {

    private static final int QUOTED_LOG_CHARS = 4000;

    private final String name;
    private final Process process;
    private final Path log;

    private RealPeerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code workDir}, stdout and stderr into {@code workDir/NAME.log}. */
    static RealPeerProcess start(String name, Path workDir, List<String> command) throws IOException {
        Path log = workDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new RealPeerProcess(name, process, log);
    }

    /** Waits up to 20 s until the peer accepts TCP connections on 127.0.0.1:{@code port}. */
    RealPeerProcess awaitListening(int port) throws InterruptedException {
        try {
            PeerBinaries.awaitListening(port, process, 20);
        } catch (AssertionError e) {
            throw new AssertionError(name + ": " + e.getMessage() + "; its output: " + output(), e);
        }
        return this;
    }

    /** Waits up to {@code seconds} for the program to end by itself with status 0; returns its output. */
    String awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("expected " + name + " to finish within " + seconds
                    + " s but it was still running; its output: " + output());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("expected " + name + " to exit with 0 but was " + process.exitValue()
                    + "; its output: " + output());
        }
        return output();
    }

    /** What the peer wrote so far (the first few thousand characters), for failure messages. */
    String output() {
        try {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            return text.length() <= QUOTED_LOG_CHARS ? text : text.substring(0, QUOTED_LOG_CHARS) + "...";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        PeerBinaries.stop(process);
    }

    @Override
    public String toString() {
        return name + " (output: " + output() + ")";
    }
}
