package dev.meerkat.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA and a server certificate it signed (EC P-256; SAN localhost and 127.0.0.1), made with the
 * openssl CLI for the real-peer tests: real servers are handed a chain, not a lone self-signed leaf.
 *
 * <p>Not {@code dev.meerkat.tls.conformance.TestPki}: cli's tests cannot take meerkat-tls-conformance
 * as a dependency, because {@link ModulePathSmokeTest} puts every Meerkat entry of the class path on
 * a module path, where that module's {@code requires org.junit.jupiter.api} does not resolve.
 */
record RealPeerPki(Path caPem, Path serverChainPem, Path serverKey) {

    private static final String SERVER_EXTENSIONS = String.join("\n",
            "basicConstraints = critical, CA:FALSE",
            "keyUsage = critical, digitalSignature",
            "extendedKeyUsage = serverAuth",
            "subjectAltName = DNS:localhost, IP:127.0.0.1", "");

    /** Generates the files in {@code dir}; fails with openssl's output when it cannot. */
    static RealPeerPki generate(Path openssl, Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("server.ext"), SERVER_EXTENSIONS, StandardCharsets.US_ASCII);
        run(openssl, dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Meerkat Real Peers Test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        run(openssl, dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        run(openssl, dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "2",
                "-days", "2", "-extfile", "server.ext", "-out", "server.pem");
        Path chain = dir.resolve("server-chain.pem");
        Files.writeString(chain, Files.readString(dir.resolve("server.pem")) + Files.readString(dir.resolve("ca.pem")));
        return new RealPeerPki(dir.resolve("ca.pem"), chain, dir.resolve("server.key"));
    }

    private static void run(Path openssl, Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(openssl.toString()));
        command.addAll(List.of(arguments));
        Path log = dir.resolve("openssl.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IOException("expected " + command + " to finish within 30 s but it was still running");
            }
            if (process.exitValue() != 0) {
                throw new IOException("expected " + command + " to exit with 0 but was " + process.exitValue()
                        + "; it said: " + Files.readString(log));
            }
        } finally {
            PeerBinaries.stop(process);
        }
    }
}
