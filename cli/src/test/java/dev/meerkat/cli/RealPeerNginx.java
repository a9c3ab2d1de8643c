package dev.meerkat.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx in the foreground (one process, no master) with a generated configuration: static files
 * over HTTPS on 127.0.0.1, TLS 1.2 and 1.3, and an access log that names each request's connection
 * so a test can see whether the client reused it.
 */
final class RealPeerNginx {

    private static final String CONFIG = """
            daemon off;
            master_process off;
            worker_processes 1;
            pid %1$s/nginx.pid;
            error_log %1$s/error.log info;
            events { worker_connections 64; }
            http {
                client_body_temp_path %1$s/client_body;
                proxy_temp_path %1$s/proxy;
                fastcgi_temp_path %1$s/fastcgi;
                uwsgi_temp_path %1$s/uwsgi;
                scgi_temp_path %1$s/scgi;
                log_format connections '$connection $connection_requests $ssl_protocol $status $body_bytes_sent';
                access_log %1$s/access.log connections;
                server {
                    listen 127.0.0.1:%2$d ssl;
                    ssl_certificate %3$s;
                    ssl_certificate_key %4$s;
                    ssl_protocols TLSv1.2 TLSv1.3;
                    %5$s
                    root %6$s;
                }
            }
            """;

    /** One access-log line: nginx's connection serial, the request's number on it, and the answer. */
    record Access(long connection, int requestOnConnection, String tlsProtocol, int status, long bodyBytes) {

        static Access parse(String line) {
            String[] f = line.split(" ");
            return new Access(Long.parseLong(f[0]), Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]),
                    Long.parseLong(f[4]));
        }
    }

    /** Every response says {@code Connection: close} and nginx closes: the httpbin.org of Mongoose 2570. */
    static final String CLOSE_EVERY_RESPONSE = "keepalive_timeout 0;";
    static final String KEEP_ALIVE = "keepalive_timeout 30s; keepalive_requests 1000;";
    /**
     * Records of at most 512 plaintext bytes instead of 16 KiB: many whole records per TCP segment,
     * the case of Mongoose PR 2668 (only the first record of a segment was processed).
     */
    static final String SMALL_RECORDS = "ssl_buffer_size 512;";

    private RealPeerNginx() {
    }

    /** Starts nginx serving {@code root} on {@code port}, with {@code directives} (the constants above) in its server block. */
    static RealPeerProcess start(Path nginx, Path dir, RealPeerPki pki, int port, String directives, Path root)
            throws IOException, InterruptedException {
        Path config = dir.resolve("nginx.conf");
        Files.writeString(config, CONFIG.formatted(dir, port, pki.serverChainPem(), pki.serverKey(),
                directives, root), StandardCharsets.US_ASCII);
        // -e: the startup error log too, before the configuration is read, goes to our directory.
        return RealPeerProcess.start("nginx", dir, List.of(nginx.toString(), "-p", dir.toString(), "-c", config.toString(),
                "-e", dir.resolve("error.log").toString())).awaitListening(port);
    }

    /**
     * The access log once it holds {@code count} lines. nginx writes a line after it sent the
     * response, so the client may finish first: wait up to 10 s.
     */
    static List<Access> awaitAccessLog(Path dir, int count) throws IOException, InterruptedException {
        Path log = dir.resolve("access.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
            if (lines.size() >= count) {
                return lines.stream().map(Access::parse).toList();
            }
            Thread.sleep(50);
        }
        return fail("expected " + count + " lines in nginx's access log within 10 s but it had " + lines.size()
                + ": " + lines);
    }
}
