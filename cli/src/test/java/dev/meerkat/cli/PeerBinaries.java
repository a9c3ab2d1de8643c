package dev.meerkat.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Real peer programs (curl, openssl) for interoperability tests. */
final class PeerBinaries {

    private PeerBinaries() {
    }

    /**
     * The program's path. When it is missing the test fails on CI ({@code CI=true}), where the
     * peers are installed on purpose, and is skipped elsewhere with a message saying what to install.
     */
    static Path require(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "expected the peer program '" + program + "' on the PATH but it is missing";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true: the peers must be installed, see .ci/run)");
        }
        Assumptions.abort(message + "; skipped outside CI (install it to run this test)");
        return null;
    }

    /** Waits until something accepts connections on 127.0.0.1:{@code port}, up to {@code seconds}. */
    static void awaitListening(int port, Process process, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("expected the peer to listen on port " + port + " but it exited with " + process.exitValue());
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        fail("expected the peer to listen on port " + port + " within " + seconds + " s but it did not");
    }

    /** Stops {@code process} and waits for it, briefly. */
    static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
