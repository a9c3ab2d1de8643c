package dev.meerkat.tls.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the openssl command line tool for {@link TestPki}, one process per step, in the PKI's
 * directory, with a bounded wait and an error that carries openssl's own output.
 */
final class TestPkiOpenssl {

    private static final long STEP_TIMEOUT_SECONDS = 60;
    private static final Path SYSTEM_OPENSSL = Path.of("/usr/bin/openssl");

    private final Path dir;
    private final String executable;
    private final Path log;

    TestPkiOpenssl(Path dir) {
        this.dir = dir;
        this.executable = Files.isExecutable(SYSTEM_OPENSSL) ? SYSTEM_OPENSSL.toString() : "openssl";
        this.log = dir.resolve("openssl-output.log");
    }

    /** Fails unless this is OpenSSL 3.0 or later: {@code req -x509 -CA} first appeared in 3.0. */
    void requireVersion3() {
        String version = run("version").strip();
        if (!version.matches("OpenSSL [3-9]\\..*")) {
            throw new IllegalStateException("the test PKI expected OpenSSL 3.0 or later but '" + executable
                    + " version' says: " + version);
        }
    }

    /** Runs {@code openssl args...} and returns its output; fails on a non-zero exit or a timeout. */
    String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(args));
        Process process = start(command);
        try {
            process.getOutputStream().close();
            if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("expected " + String.join(" ", command) + " to finish within "
                        + STEP_TIMEOUT_SECONDS + " s but it did not; output: " + output());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot close the input of " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("expected exit code 0 from " + String.join(" ", command) + " in " + dir
                    + " but was " + process.exitValue() + "; output: " + output());
        }
        return output();
    }

    private Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("the test PKI needs the openssl command line tool (OpenSSL 3.0 or"
                    + " later, e.g. apt-get install openssl) but cannot run '" + executable + "': " + e.getMessage(), e);
        }
    }

    private String output() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
