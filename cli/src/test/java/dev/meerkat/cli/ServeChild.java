package dev.meerkat.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private ServeChild(Process process, Path output, Path errors) throws IOException, InterruptedException {
        this.process = process;
        this.errors = errors;
        this.port = readPort(output);
    }

    /**
     * Starts serve with {@code jvmOptions} and {@code serveArguments}; stdout (the access log) goes to
     * {@code dir}/serve.out, stderr to {@code dir}/serve.err. A pipe nobody drains would stop the
     * server once the log filled it.
     */
    static ServeChild start(Path dir, List<String> jvmOptions, String... serveArguments)
            throws IOException, InterruptedException {
        return start(dir, Map.of(), jvmOptions, serveArguments);
    }

    /** As {@link #start(Path, List, String...)}, with {@code environment} added to the child's. */
    static ServeChild start(Path dir, Map<String, String> environment, List<String> jvmOptions, String... serveArguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -n \"$(ulimit -Hn)\" && exec \"$@\"", "serve",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
        command.addAll(List.of(serveArguments));
        Path errors = dir.resolve("serve.err");
        Path output = dir.resolve("serve.out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new ServeChild(process, output, errors);
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

    /** Reads the port from the line serve prints once it listens, waiting at most 60 s. */
    private int readPort(Path output) throws IOException, InterruptedException {
        for (int i = 0; i < 600; i++) {
            Matcher url = URL.matcher(Files.readString(output));
            if (url.find()) {
                return Integer.parseInt(url.group(1));
            }
            if (!process.isAlive()) {
                throw new IOException("expected serve to print its URL but it ended: " + Files.readString(errors));
            }
            Thread.sleep(100);
        }
        throw new IOException("expected serve to print its URL within 60 s: " + Files.readString(errors));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
