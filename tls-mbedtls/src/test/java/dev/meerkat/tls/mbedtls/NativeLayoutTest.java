package dev.meerkat.tls.mbedtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The struct sizes and field offsets of {@link NativeLayout}, and the enum and macro values the
 * bindings copy from the headers, are those of the installed MbedTLS: a C program made from the
 * table is compiled with gcc against /usr/include/mbedtls (at test time only; nothing native goes
 * into the jar) and prints sizeof, offsetof and each constant. Needs gcc and libmbedtls-dev: under
 * CI=true their absence fails the test, elsewhere it is skipped saying what to install.
 */
class NativeLayoutTest {

    private static final Path HEADERS = Path.of("/usr/include/mbedtls/ssl.h");
    private static final List<String> INCLUDES = List.of("mbedtls/ssl.h", "mbedtls/ssl_ticket.h",
            "mbedtls/x509_crt.h", "mbedtls/pk.h", "mbedtls/entropy.h", "mbedtls/ctr_drbg.h", "mbedtls/cipher.h",
            "mbedtls/ecp.h", "mbedtls/md.h", "mbedtls/version.h", "stddef.h", "stdio.h");

    @Test
    void tableMatchesTheInstalledHeaders(@TempDir Path dir) throws Exception {
        Path gcc = requireBuildTools();
        Map<String, Long> expected = expectedFigures();
        Path source = dir.resolve("layout.c");
        Files.writeString(source, program(expected.keySet()));
        Path binary = dir.resolve("layout");
        run(List.of(gcc.toString(), "-o", binary.toString(), source.toString()), dir);
        Map<String, Long> actual = parse(run(List.of(binary.toString()), dir));
        assertThat(actual).as("sizeof/offsetof/constants of the installed MbedTLS (left) against NativeLayout and"
                + " the bindings' constants (right); update the table when Debian's build changes")
                .containsExactlyEntriesOf(expected);
        assertThat(actual.get("MBEDTLS_VERSION_NUMBER") & 0xFFFF0000L).as("the 2.28 series the table is for")
                .isEqualTo(0x021C0000L);
    }

    /** C expression to value, in the program's print order. */
    private static Map<String, Long> expectedFigures() {
        Map<String, Long> figures = new LinkedHashMap<>();
        for (NativeLayout.Struct struct : NativeLayout.Struct.values()) {
            figures.put("sizeof(" + struct.cName() + ")", struct.size());
        }
        for (NativeLayout.Field field : NativeLayout.Field.values()) {
            figures.put("offsetof(" + field.struct().cName() + ", " + field.cPath() + ")", field.offset());
        }
        figures.put("MBEDTLS_CIPHER_AES_256_GCM", (long) LibMbedCrypto.MBEDTLS_CIPHER_AES_256_GCM);
        figures.put("MBEDTLS_ECP_DP_NONE", (long) LibMbedTls.MBEDTLS_ECP_DP_NONE);
        figures.put("MBEDTLS_ECP_DP_SECP256R1", (long) LibMbedTls.MBEDTLS_ECP_DP_SECP256R1);
        figures.put("MBEDTLS_ECP_DP_SECP384R1", (long) LibMbedTls.MBEDTLS_ECP_DP_SECP384R1);
        figures.put("MBEDTLS_ECP_DP_CURVE25519", (long) LibMbedTls.MBEDTLS_ECP_DP_CURVE25519);
        figures.put("MBEDTLS_MD_SHA256", (long) LibMbedTls.MBEDTLS_MD_SHA256);
        figures.put("MBEDTLS_MD_SHA384", (long) LibMbedTls.MBEDTLS_MD_SHA384);
        figures.put("MBEDTLS_MD_SHA512", (long) LibMbedTls.MBEDTLS_MD_SHA512);
        figures.put("MBEDTLS_ERR_SSL_WANT_READ", (long) LibMbedTls.MBEDTLS_ERR_SSL_WANT_READ);
        figures.put("MBEDTLS_ERR_SSL_BAD_INPUT_DATA", (long) LibMbedTls.MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
        figures.put("MBEDTLS_ERR_SSL_INVALID_RECORD", (long) LibMbedTls.MBEDTLS_ERR_SSL_INVALID_RECORD);
        figures.put("MBEDTLS_SSL_ALERT_LEVEL_FATAL", (long) LibMbedTls.MBEDTLS_SSL_ALERT_LEVEL_FATAL);
        figures.put("MBEDTLS_SSL_ALERT_MSG_RECORD_OVERFLOW", (long) LibMbedTls.MBEDTLS_SSL_ALERT_MSG_RECORD_OVERFLOW);
        figures.put("MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY", (long) LibMbedTls.MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY);
        figures.put("MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE", (long) LibMbedTls.MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE);
        figures.put("MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE", (long) LibMbedTls.MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE);
        figures.put("MBEDTLS_SSL_MINOR_VERSION_3", (long) LibMbedTls.MBEDTLS_SSL_MINOR_VERSION_3);
        figures.put("MBEDTLS_VERSION_NUMBER", (long) LibMbedCrypto.mbedtls_version_get_number());
        return figures;
    }

    private static String program(Iterable<String> expressions) {
        StringBuilder c = new StringBuilder();
        INCLUDES.forEach(h -> c.append("#include <").append(h).append(">\n"));
        c.append("int main(void) {\n");
        for (String e : expressions) {
            c.append("    printf(\"%s=%lld\\n\", \"").append(e).append("\", (long long) (").append(e).append("));\n");
        }
        return c.append("    return 0;\n}\n").toString();
    }

    private static Map<String, Long> parse(String output) {
        Map<String, Long> figures = new LinkedHashMap<>();
        for (String line : output.strip().split("\n")) {
            int equals = line.lastIndexOf('=');
            figures.put(line.substring(0, equals), Long.parseLong(line.substring(equals + 1)));
        }
        return figures;
    }

    private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("expected " + command + " to finish within 60 s but it did not");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit status of %s; output:%n%s", command, output).isZero();
        return output;
    }

    private static Path requireBuildTools() {
        Path gcc = onPath("gcc");
        String missing = gcc == null ? "gcc" : !Files.isRegularFile(HEADERS) ? HEADERS + " (package libmbedtls-dev)" : null;
        if (missing == null) {
            return gcc;
        }
        String message = "expected " + missing + " to compare NativeLayout with the installed MbedTLS, but it is missing";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true: .ci/run installs gcc and libmbedtls-dev)");
        }
        Assumptions.abort(message + "; skipped outside CI (install it to run this test)");
        return null;
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
