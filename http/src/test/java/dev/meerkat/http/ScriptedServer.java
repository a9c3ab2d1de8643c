package dev.meerkat.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A blocking loopback server that runs a script per accepted connection (its number from 1) on its own thread. */
final class ScriptedServer implements AutoCloseable {

    /** What to do with one accepted connection. */
    interface Script {
        void run(Socket socket, int number) throws Exception;
    }

    private final ServerSocket listener = new ServerSocket();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread thread;

    ScriptedServer(Script script) throws IOException {
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(() -> acceptLoop(script), "scripted-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    /** Reads one request head (up to the empty line) and returns it. */
    static String readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("expected a request head but the stream ended after: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private void acceptLoop(Script script) {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                socket.setSoTimeout(10_000);
                synchronized (sockets) {
                    sockets.add(socket);
                }
                int number = accepted.incrementAndGet();
                Thread worker = new Thread(() -> runScript(script, socket, number), "scripted-connection-" + number);
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void runScript(Script script, Socket socket, int number) {
        try {
            script.run(socket, number);
        } catch (Exception e) {
            // The client side of the test asserts what it saw; a script cut short by a close is expected.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
