package dev.meerkat.benchmarks.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ServerMain} in a second JVM with a fixed, pre-touched heap, driven through its control
 * commands, so the client connections' memory never mixes with the server's figures.
 */
final class ChildServer implements AutoCloseable {

    private static final Duration REPLY_LIMIT = Duration.ofSeconds(60);

    private final ServerSpec spec;
    private final Process process;
    private final BufferedReader replies;
    private final PrintWriter commands;
    private final int port;

    private ChildServer(ServerSpec spec, Process process) throws IOException, InterruptedException, TimeoutException {
        this.spec = spec;
        this.process = process;
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.port = Integer.parseInt(field(expect("ready "), "port"));
    }

    /** Starts {@code spec} with {@code -Xms=-Xmx=heap -XX:+AlwaysPreTouch}; its errors go to our stderr. */
    static ChildServer start(ServerSpec spec, String heap, Path chainPem, Path keyPem)
            throws IOException, InterruptedException, TimeoutException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch",
                "-cp", System.getProperty("java.class.path"),
                ServerMain.class.getName(), spec.label(),
                "--cert", chainPem.toString(), "--key", keyPem.toString(), "--control"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            return new ChildServer(spec, process);
        } catch (IOException | InterruptedException | TimeoutException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the server counts exactly {@code expected} open connections. */
    void awaitConnections(int expected, Duration limit) throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + limit.toNanos();
        int open;
        do {
            commands.println("count");
            open = Integer.parseInt(expect("connections ").substring("connections ".length()).trim());
            if (open == expected) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new TimeoutException("expected " + spec.label() + " to hold " + expected + " connections within "
                + limit + " but it held " + open);
    }

    ProcessMemory memory() throws IOException, InterruptedException, TimeoutException {
        commands.println("memory");
        String line = expect("memory ");
        return new ProcessMemory(Long.parseLong(field(line, "heap")), Long.parseLong(field(line, "rss")));
    }

    /**
     * Gives the server's free malloc memory back to the system (jcmd System.trim_native_heap, glibc's
     * malloc_trim), so that its RSS counts live native memory, not chunks freed by earlier connections
     * that later ones would reuse without growing RSS.
     */
    void trimNativeHeap() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid()), "System.trim_native_heap").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0 || !output.contains("Trim native heap")) {
            throw new IOException("expected jcmd System.trim_native_heap to trim " + spec.label() + " but it said: "
                    + output.strip());
        }
    }

    @Override
    public void close() throws InterruptedException {
        commands.println("quit");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private String expect(String prefix) throws IOException, InterruptedException, TimeoutException {
        CompletableFuture<String> next = CompletableFuture.supplyAsync(this::readLine);
        try {
            String line = next.get(REPLY_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (line == null || !line.startsWith(prefix)) {
                throw new IOException("expected a line starting '" + prefix + "' from " + spec.label()
                        + " but got " + (line == null ? "the end of its output (exit " + exitCode() + ")" : "'" + line + "'"));
            }
            return line;
        } catch (ExecutionException e) {
            throw new IOException("reading from " + spec.label() + " failed", e.getCause());
        }
    }

    private String readLine() {
        try {
            return replies.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String exitCode() throws InterruptedException {
        return process.waitFor(2, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
    }

    /** {@code name=value} from a space-separated line. */
    private String field(String line, String name) throws IOException {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IOException("expected " + name + "=... in '" + line + "' from " + spec.label());
    }
}
