package dev.meerkat.ws;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * Node's {@code ws} package (npm, pinned in {@code src/test/node/package-lock.json}, installed there
 * with {@code npm ci} by {@code .ci/run}) as a real WebSocket peer: {@code echo-server.js} serves
 * ws:// and wss:// echo on 127.0.0.1, {@code echo-client.js} sends one message and checks its echo.
 */
final class NodeWsPeer implements AutoCloseable {

    static final Path DIR = Path.of("src", "test", "node");
    private static final int WAIT_SECONDS = 20;

    private final Process process;
    private final int wsPort;
    private final int wssPort;

    private NodeWsPeer(Process process, int wsPort, int wssPort) {
        this.process = process;
        this.wsPort = wsPort;
        this.wssPort = wssPort;
    }

    /**
     * Starts the echo server with this certificate chain and key for wss://, accepting messages of
     * up to {@code maxPayload} bytes (larger ones it closes with 1009).
     */
    static NodeWsPeer startEchoServer(Path chainPem, Path keyPem, int maxPayload) throws Exception {
        Process process = node("echo-server.js", chainPem.toString(), keyPem.toString(), String.valueOf(maxPayload));
        String line = firstLine(process);
        String[] words = line.split(" ");
        if (words.length != 4 || !words[0].equals("ws") || !words[2].equals("wss")) {
            stop(process);
            fail("expected the node echo server to print 'ws <port> wss <port>' but it printed '" + line + "'");
        }
        return new NodeWsPeer(process, Integer.parseInt(words[1]), Integer.parseInt(words[3]));
    }

    /**
     * Runs the client against {@code url} with one binary message of {@code size} random bytes and
     * returns its one line: {@code echoed <size> sha256 <hex>} or {@code closed <code>}.
     */
    static String runEchoClient(String url, int size, Path caPem) throws Exception {
        Process process = node("echo-client.js", url, String.valueOf(size), caPem.toString());
        try {
            String line = firstLine(process);
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                fail("expected the node echo client to exit after '" + line + "' but it still runs");
            }
            return line;
        } finally {
            stop(process);
        }
    }

    int wsPort() {
        return wsPort;
    }

    int wssPort() {
        return wssPort;
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    private static Process node(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(requireNode().toString(), script));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(requireWsPackage().toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The process's first line of output, waited for at most {@link #WAIT_SECONDS}. */
    private static String firstLine(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        });
        try {
            String first = line.get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (first == null) {
                fail("expected a line from node " + process.info().arguments().map(List::of).orElse(List.of())
                        + " but it printed nothing and exited with " + process.waitFor());
            }
            return first;
        } catch (TimeoutException e) {
            stop(process);
            throw new AssertionError("expected a line from node within " + WAIT_SECONDS + " s but none came", e);
        }
    }

    private static Path requireNode() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return missing("expected the program 'node' on the PATH but it is missing");
    }

    /** The node folder, once {@code npm ci} installed the {@code ws} package there. */
    private static Path requireWsPackage() {
        Path installed = DIR.resolve(Path.of("node_modules", "ws", "package.json"));
        if (!Files.isRegularFile(installed)) {
            missing("expected Node's ws package in " + DIR.resolve("node_modules").toAbsolutePath()
                    + " but it is not installed (run 'npm ci' in " + DIR.toAbsolutePath() + ")");
        }
        return DIR;
    }

    /** Fails on CI, where .ci/run installs the peer on purpose; skips elsewhere, saying what to install. */
    private static Path missing(String message) {
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true: the peers must be installed, see .ci/run)");
        }
        Assumptions.abort(message + "; skipped outside CI (install it to run this test)");
        return null;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
