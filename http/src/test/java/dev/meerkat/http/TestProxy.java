package dev.meerkat.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP proxy on 127.0.0.1 for tests: CONNECT host:port is answered 200 and relayed both
 * ways (or refused with {@code refusal} when set); any other request is answered by the proxy
 * itself with its request line as the body. Records every request head's first line.
 */
final class TestProxy implements AutoCloseable {

    final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final ScriptedServer server;

    TestProxy(String refusal) throws IOException {
        server = new ScriptedServer((socket, n) -> serve(socket, refusal));
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private void serve(Socket socket, String refusal) throws IOException {
        String head = ScriptedServer.readHead(socket);
        String line = head.substring(0, head.indexOf("\r\n"));
        requestLines.add(line);
        if (!line.startsWith("CONNECT ")) {
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: " + line.length() + "\r\n\r\n" + line);
            return;
        }
        if (refusal != null) {
            ScriptedServer.write(socket, refusal);
            return;
        }
        String[] target = line.split(" ")[1].split(":");
        try (Socket origin = new Socket()) {
            origin.connect(new InetSocketAddress(target[0], Integer.parseInt(target[1])), 5000);
            ScriptedServer.write(socket, "HTTP/1.1 200 Connection established\r\n\r\n");
            Thread back = new Thread(() -> copy(origin, socket), "test-proxy-back");
            back.setDaemon(true);
            back.start();
            copy(socket, origin);
        }
    }

    /** Copies until {@code from} ends, then ends {@code to}'s output. */
    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // One side closed: the relay ends.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
