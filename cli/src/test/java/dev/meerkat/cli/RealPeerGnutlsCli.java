package dev.meerkat.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.meerkat.tls.TlsVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One HTTPS exchange made by GnuTLS's {@code gnutls-cli}: the request goes on its stdin, which stays
 * open until the server closes (a closed stdin could end the session before the answer), and what
 * it received is its stdout. Its informational messages (certificate status, negotiated version,
 * how the peer closed) go to a log file.
 */
record RealPeerGnutlsCli(int exitStatus, byte[] received, String log) {

    private static final int LIMIT_SECONDS = 30;

    /** Connects to 127.0.0.1:{@code port} trusting {@code caPem}, with only {@code version} enabled. */
    static RealPeerGnutlsCli exchange(Path gnutlsCli, Path dir, Path caPem, int port, TlsVersion version, String request)
            throws IOException, InterruptedException {
        Path out = dir.resolve("gnutls-cli.out");
        Path log = dir.resolve("gnutls-cli.log");
        List<String> command = List.of(gnutlsCli.toString(), "--x509cafile", caPem.toString(), "--priority",
                priority(version), "--logfile", log.toString(), "-p", Integer.toString(port), "127.0.0.1");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(dir.resolve("gnutls-cli.err").toFile()).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(request.getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                fail("expected " + command + " to finish within " + LIMIT_SECONDS + " s but it was still running; log: "
                        + Files.readString(log, StandardCharsets.ISO_8859_1));
            }
        } finally {
            PeerBinaries.stop(process);
        }
        return new RealPeerGnutlsCli(process.exitValue(), Files.readAllBytes(out),
                Files.readString(log, StandardCharsets.ISO_8859_1) + Files.readString(dir.resolve("gnutls-cli.err"),
                        StandardCharsets.ISO_8859_1));
    }

    private static String priority(TlsVersion version) {
        return "NORMAL:-VERS-ALL:" + (version == TlsVersion.TLS_1_2 ? "+VERS-TLS1.2" : "+VERS-TLS1.3");
    }

    /** The response head, up to the empty line. */
    String head() {
        return new String(received, 0, headEnd(), StandardCharsets.ISO_8859_1);
    }

    /** The bytes after the response head. */
    byte[] body() {
        return Arrays.copyOfRange(received, headEnd() + 4, received.length);
    }

    private int headEnd() {
        for (int i = 0; i + 3 < received.length; i++) {
            if (received[i] == '\r' && received[i + 1] == '\n' && received[i + 2] == '\r' && received[i + 3] == '\n') {
                return i;
            }
        }
        return fail("expected an HTTP response head ending in an empty line but gnutls-cli received "
                + received.length + " bytes without one; log: " + log);
    }
}
