package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the command as a module, in a child JVM whose module path holds the Meerkat modules, Bouncy
 * Castle, netty-tcnative and JNA. Every other test runs on the class path (see the parent pom), so
 * this is the check that the module-info.java files resolve together, that ServiceLoader finds each
 * backend through {@code provides}, and that the native glue (JNI, JNA callbacks) works across
 * module boundaries. A handshake, not only the provider list: JNA reaches our callbacks only then.
 */
class ModulePathSmokeTest {

    private static final List<String> PROVIDERS = List.of("jdk", "bc", "openssl", "openssl-jna", "mbedtls");

    /**
     * File-name prefixes of the command's run-time jars (picocli among them). The test tooling on the same class path
     * (JUnit, AssertJ, Surefire) stays off the module path; Meerkat's own modules appear as jars or,
     * when built without packaging, as {@code classes} directories.
     */
    private static final List<String> RUNTIME_JARS =
            List.of("meerkat-", "picocli-", "bcprov-", "bctls-", "bcutil-", "netty-tcnative-", "jna-");

    private static final long LIMIT_SECONDS = 120;

    @Test
    void listsEveryProviderAsAvailable(@TempDir Path dir) throws Exception {
        ChildRun run = ChildRun.onModulePath(dir, "providers");
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        for (String name : PROVIDERS) {
            assertThat(run.stdout().lines().filter(row -> row.startsWith(name + " ")))
                    .as("expected one available row for provider %s in %s", name, run)
                    .singleElement().asString().contains(" yes ");
        }
    }

    /** picocli reads the options by reflection (the package is opened to it) and the version from a resource. */
    @Test
    void printsTheVersionAndTheHelpOfGet(@TempDir Path dir) throws Exception {
        ChildRun version = ChildRun.onModulePath(dir, "--version");
        assertThat(version.exitStatus()).as(version.toString()).isZero();
        assertThat(version.stdout()).as(version.toString()).startsWith("meerkat " + Version.projectVersion());
        ChildRun help = ChildRun.onModulePath(dir, "get", "--help");
        assertThat(help.exitStatus()).as(help.toString()).isZero();
        assertThat(help.stdout()).as(help.toString()).startsWith("Usage: meerkat get").contains("-f, --fail");
    }

    @ParameterizedTest(name = "server {0}")
    @ValueSource(strings = {"jdk", "bc", "openssl", "openssl-jna", "mbedtls"})
    void servesHttpsToEveryProvider(String server, @TempDir Path dir) throws Exception {
        ChildRun run = ChildRun.onModulePath(dir, "soak", "--tls", "all", "--server-tls", server,
                "--requests", "2", "--framing", "length");
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stderr()).as(run.toString()).doesNotContain("skipping TLS provider");
        for (String client : PROVIDERS) {
            assertThat(run.stdout().lines().filter(row -> row.startsWith(client + " ")))
                    .as("expected one row for client %s in %s", client, run).hasSize(1);
        }
        assertThat(run.stdout()).contains("OK: " + 2 * PROVIDERS.size() + " requests");
    }

    /** One finished child JVM: its exit status and what it wrote. */
    private record ChildRun(List<String> command, int exitStatus, String stdout, String stderr) {

        static ChildRun onModulePath(Path dir, String... arguments) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "--module-path", modulePath(),
                    // The tcnative BoringSSL jar is a module nothing requires (its name names the platform).
                    "--add-modules", "ALL-MODULE-PATH",
                    "-m", "dev.meerkat.cli/dev.meerkat.cli.Main"));
            command.addAll(List.of(arguments));
            Path out = dir.resolve("stdout.txt");
            Path err = dir.resolve("stderr.txt");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("expected " + command + " to finish within " + LIMIT_SECONDS
                        + " s but it was still running; stderr so far: " + Files.readString(err));
            }
            return new ChildRun(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }

        private static String javaExecutable() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }

        /** The run-time entries of this test's class path (Surefire sets java.class.path to it). */
        private static String modulePath() {
            List<String> entries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(ChildRun::isRuntimeEntry).toList();
            assertThat(entries).as("run-time entries of the class path %s", System.getProperty("java.class.path"))
                    .anyMatch(e -> Path.of(e).endsWith("classes"))
                    .anyMatch(e -> Path.of(e).getFileName().toString().startsWith("jna-"));
            return String.join(File.pathSeparator, entries);
        }

        private static boolean isRuntimeEntry(String entry) {
            String name = Path.of(entry).getFileName().toString();
            return Files.isDirectory(Path.of(entry)) ? name.equals("classes")
                    : RUNTIME_JARS.stream().anyMatch(name::startsWith);
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exitStatus + "\nstdout:\n" + stdout + "\nstderr:\n"
                    + stderr;
        }
    }
}
