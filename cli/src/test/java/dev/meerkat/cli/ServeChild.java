package dev.meerkat.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code meerkat serve} in a child JVM, started through {@code bash -c} so that its soft descriptor
 * limit is raised to the hard one first; its descriptors and resident set are read from /proc.
 */
final class ServeChild implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("on https?://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path errors;
    private final int port;

    private ServeChild(Process process, Path errors) throws IOException {
        this.process = process;
        this.errors = errors;
        this.port = readPort();
    }

    /** Starts serve with {@code jvmOptions} and {@code serveArguments}; stderr goes to {@code dir}/serve.err. */
    static ServeChild start(Path dir, List<String> jvmOptions, String... serveArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -n \"$(ulimit -Hn)\" && exec \"$@\"", "serve",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
        command.addAll(List.of(serveArguments));
        Path errors = dir.resolve("serve.err");
        return new ServeChild(new ProcessBuilder(command).redirectError(errors.toFile()).start(), errors);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The child's open descriptors. */
    long descriptors() {
        String[] names = new File("/proc/" + process.pid() + "/fd").list();
        if (names == null) {
            throw new IllegalStateException("expected /proc/" + process.pid() + "/fd of the serve child to be readable");
        }
        return names.length;
    }

    /** The child's resident set in bytes (VmRSS), 0 once it is gone. */
    long residentBytes() throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }

    /** Reads the port from the line serve prints once it listens. */
    private int readPort() throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher url = URL.matcher(line);
            if (url.find()) {
                return Integer.parseInt(url.group(1));
            }
        }
        throw new IOException("expected serve to print its URL but it ended: " + Files.readString(errors));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
