package dev.meerkat.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A blocking HTTP/1.1 server on 127.0.0.1 with fixed answers, one request per connection, for
 * running curl and {@code meerkat get} against the same bytes: no Date header, nothing that changes
 * between two requests. Paths: {@code /text}, {@code /missing} (404), {@code /redirect} (302 to
 * /text), {@code /loop} (302 to itself), {@code /away?to=URL} (302 to URL), {@code /echo} (the request body), {@code /method},
 * {@code /target} (the request target, absolute form through a proxy), {@code /header/NAME} (that
 * request header's value), {@code /gzip} (gzip when accepted), {@code /close} (close-delimited),
 * {@code /cut} (40 of 100 bytes, then FIN), {@code /reset} (10 bytes, then RST), {@code /stall}
 * (10 bytes, then silence for up to 5 s), {@code /empty} (closed with no answer).
 */
final class CannedServer implements AutoCloseable {

    static final String TEXT = "hello, curl\n";

    private final ServerSocket listener;
    private final Thread acceptor;

    CannedServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptAll, "canned-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread answer = new Thread(() -> answer(socket), "canned-answer");
                answer.setDaemon(true);
                answer.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            Request request = Request.read(socket.getInputStream());
            respond(request, socket);
        } catch (IOException | InterruptedException e) {
            // The client sees the outcome.
        }
    }

    private static void respond(Request request, Socket socket) throws IOException, InterruptedException {
        OutputStream out = socket.getOutputStream();
        String path = request.target.replaceFirst("^http://[^/]*", "").replaceFirst("\\?.*", "");
        switch (path.startsWith("/header/") ? "/header/" : path) {
            case "/text" -> reply(out, request, "200 OK", "text/plain", TEXT.getBytes(StandardCharsets.UTF_8), "");
            case "/missing" -> reply(out, request, "404 Not Found", "text/plain", bytes("not found\n"), "");
            case "/redirect" -> reply(out, request, "302 Found", "text/plain", bytes("moved\n"), "Location: /text\r\n");
            case "/loop" -> reply(out, request, "302 Found", "text/plain", bytes("again\n"), "Location: /loop\r\n");
            case "/away" -> reply(out, request, "302 Found", "text/plain", bytes("away\n"),
                    "Location: " + request.target.substring(request.target.indexOf("?to=") + 4) + "\r\n");
            case "/echo" -> reply(out, request, "200 OK", "application/octet-stream", request.body, "");
            case "/method" -> reply(out, request, "200 OK", "text/plain", bytes(request.method), "");
            case "/target" -> reply(out, request, "200 OK", "text/plain", bytes(request.target), "");
            case "/header/" -> reply(out, request, "200 OK", "text/plain",
                    bytes(request.headers.getOrDefault(path.substring(8).toLowerCase(Locale.ROOT), "-")), "");
            case "/gzip" -> gzip(out, request);
            case "/close" -> raw(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + TEXT);
            case "/cut" -> raw(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "x".repeat(40));
            case "/reset" -> {
                raw(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "x".repeat(10));
                Thread.sleep(200);
                socket.setSoLinger(true, 0);
            }
            case "/stall" -> {
                raw(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "x".repeat(10));
                socket.setSoTimeout(5_000);
                socket.getInputStream().read();
            }
            case "/empty" -> { }
            default -> reply(out, request, "404 Not Found", "text/plain", bytes("no route " + path + "\n"), "");
        }
    }

    private static void gzip(OutputStream out, Request request) throws IOException {
        byte[] text = bytes(TEXT.repeat(20));
        if (!request.headers.getOrDefault("accept-encoding", "").contains("gzip")) {
            reply(out, request, "200 OK", "text/plain", text, "");
            return;
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(text);
        }
        reply(out, request, "200 OK", "text/plain", zipped.toByteArray(), "Content-Encoding: gzip\r\n");
    }

    private static void reply(OutputStream out, Request request, String status, String type, byte[] body, String extra)
            throws IOException {
        out.write(bytes("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                + "\r\n" + extra + "Connection: close\r\n\r\n"));
        if (!request.method.equals("HEAD")) {
            out.write(body);
        }
        out.flush();
    }

    private static void raw(OutputStream out, String text) throws IOException {
        out.write(bytes(text));
        out.flush();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        listener.close();
        acceptor.join(10_000);
    }

    /** A request head (names lower-cased) and its Content-Length body. */
    private record Request(String method, String target, Map<String, String> headers, byte[] body) {

        static Request read(InputStream in) throws IOException {
            String[] lines = head(in).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Request(requestLine[0], requestLine[1], headers, in.readNBytes(length));
        }

        private static String head(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (head.size() < 64 * 1024 && !head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("expected a request head but the input ended");
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.ISO_8859_1).strip();
        }
    }
}
