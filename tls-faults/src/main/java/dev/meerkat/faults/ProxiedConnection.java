package dev.meerkat.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One client connection through a {@link FaultProxy}: the client's bytes pass unchanged, the
 * server's are read record by record (or in plain chunks when the server does not speak TLS) and
 * delivered under the proxy's {@link FaultSet}.
 */
final class ProxiedConnection {

    private static final System.Logger LOG = System.getLogger(ProxiedConnection.class.getName());
    private static final int PLAIN_CHUNK = 16 * 1024;

    private final String name;
    private final FaultSet faults;
    private final boolean autoArm;
    private final int timeoutMillis;
    private final Consumer<String> events;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final CountDownLatch clientRead = new CountDownLatch(1);
    private final List<TlsRecord> response = new ArrayList<>();
    private final AtomicInteger writesToClient = new AtomicInteger();
    /** Bytes delivered to the client; only the server-to-client thread touches it. */
    private long delivered;

    /**
     * With {@code autoArm} the connection arms itself when the client sends its first application
     * data record (its TLS 1.3 Finished or its first request), or at once when the client does not
     * speak TLS: what the server sends after that is the response the end faults act on.
     */
    ProxiedConnection(String name, FaultSet faults, boolean autoArm, int timeoutMillis, Consumer<String> events) {
        this.name = name;
        this.faults = faults;
        this.autoArm = autoArm;
        this.timeoutMillis = timeoutMillis;
        this.events = events;
    }

    void arm() {
        armed.set(true);
    }

    void clientReadResponse() {
        clientRead.countDown();
    }

    List<TlsRecord> response() {
        synchronized (response) {
            return List.copyOf(response);
        }
    }

    int writesToClient() {
        return writesToClient.get();
    }

    /** Proxies until both directions ended; the caller closes the sockets. */
    void run(Socket client, Socket server) throws IOException, InterruptedException {
        configure(client);
        configure(server);
        Thread upstream = new Thread(() -> copyClientToServer(client, server), name + "-upstream");
        upstream.setDaemon(true);
        upstream.start();
        try {
            serverToClient(server, client);
        } catch (LimitReached e) {
            endAtLimit(client);
            server.close();
        } finally {
            events.accept(name + ": delivered " + delivered + " bytes to the client in " + writesToClient.get()
                    + " writes");
        }
        upstream.join(timeoutMillis);
    }

    private void copyClientToServer(Socket client, Socket server) {
        try (PushbackInputStream in = new PushbackInputStream(client.getInputStream(), 1)) {
            OutputStream out = server.getOutputStream();
            if (autoArm && startsWithTls(in)) {
                copyRecordsArming(new RecordReader(in), out);
            } else {
                if (autoArm) {
                    armed.set(true);
                }
                in.transferTo(out);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> name + " upstream ended: " + e);
        } finally {
            shutdownOutputQuietly(server);
        }
    }

    private void copyRecordsArming(RecordReader reader, OutputStream out) throws IOException {
        for (TlsRecord record = reader.next(); record != null; record = reader.next()) {
            if (record.type() == TlsRecord.APPLICATION_DATA && armed.compareAndSet(false, true)
                    && faults.end() != null) {
                events.accept(name + ": armed: what the server sends from now on is the response");
            }
            out.write(record.bytes());
            out.flush();
        }
        out.write(reader.leftover());
    }

    private void serverToClient(Socket server, Socket client) throws IOException, InterruptedException {
        PushbackInputStream in = new PushbackInputStream(server.getInputStream(), 1);
        OutputStream out = client.getOutputStream();
        if (!startsWithTls(in)) {
            plainServerToClient(in, out);
            shutdownOutputQuietly(client);
            return;
        }
        RecordReader reader = new RecordReader(in);
        if (faults.start() != null) {
            applyStartFault(reader, out);
            shutdownOutputQuietly(client);
            drain(reader);
            return;
        }
        for (TlsRecord record = reader.next(); record != null; record = reader.next()) {
            if (faults.end() != null && armed.get()) {
                synchronized (response) {
                    response.add(record);
                }
            } else {
                deliver(out, record.bytes(), record.toString());
            }
        }
        deliver(out, reader.leftover(), "an incomplete record");
        finishResponse(client, out);
    }

    /** A server that does not speak TLS: chunks as they come; of the end faults only coalescing applies. */
    private void plainServerToClient(InputStream in, OutputStream out) throws IOException, InterruptedException {
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        byte[] chunk = new byte[PLAIN_CHUNK];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            if (faults.end() != null && armed.get()) {
                held.write(chunk, 0, n);
            } else {
                deliver(out, Arrays.copyOf(chunk, n), "plain bytes");
            }
        }
        if (faults.end() != null && !(faults.end() instanceof Fault.CoalesceClose)) {
            throw new IllegalStateException(faults.end() + " acts on TLS records but the server sent plain bytes");
        }
        deliver(out, held.toByteArray(), "plain bytes");
    }

    private static boolean startsWithTls(PushbackInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return false;
        }
        in.unread(first);
        return first >= TlsRecord.CHANGE_CIPHER_SPEC && first <= TlsRecord.APPLICATION_DATA;
    }

    private void applyStartFault(RecordReader reader, OutputStream out) throws IOException, InterruptedException {
        TlsRecord first = reader.next();
        if (faults.start() instanceof Fault.Garbage) {
            deliver(out, FaultProxy.GARBAGE, "garbage");
        } else if (first != null) {
            deliver(out, first.bytes(), first.toString());
        }
    }

    private void finishResponse(Socket client, OutputStream out) throws IOException, InterruptedException {
        Fault end = faults.end();
        if (end == null) {
            shutdownOutputQuietly(client);
            return;
        }
        ResponseEnding ending = ResponseEnding.of(end, response());
        List<TlsRecord> held = response();
        events.accept(name + ": " + end + " applied to " + held.size() + " held records ending "
                + held.subList(Math.max(0, held.size() - 3), held.size()));
        deliver(out, ending.bytes(), "the held response");
        if (!ending.reset()) {
            shutdownOutputQuietly(client);
        } else if (clientRead.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            reset(client);
        } else {
            throw new IllegalStateException("expected the client to read the response within " + timeoutMillis
                    + " ms before the reset but it did not signal clientReadResponse()");
        }
    }

    private void deliver(OutputStream out, byte[] bytes, String what) throws IOException, InterruptedException {
        byte[] allowed = withinLimit(bytes, what);
        if (allowed.length > 0) {
            pace();
            write(out, allowed);
            delivered += allowed.length;
        }
        if (allowed.length < bytes.length) {
            throw new LimitReached();
        }
    }

    /** The part of {@code bytes} the limit fault lets through; reports where the limit fell. */
    private byte[] withinLimit(byte[] bytes, String what) {
        Fault limit = faults.limit();
        if (limit == null) {
            return bytes;
        }
        long budget = limit instanceof Fault.CutAfter cut ? cut.bytes() : ((Fault.ResetAfter) limit).bytes();
        long left = budget - delivered;
        if (bytes.length <= left) {
            return bytes;
        }
        events.accept(name + ": " + limit + " fell " + left + " of " + bytes.length + " bytes into " + what);
        return Arrays.copyOf(bytes, (int) left);
    }

    private void pace() throws InterruptedException {
        Fault.Delay delay = faults.delay();
        if (delay != null) {
            Thread.sleep(delay.millis());
        }
    }

    private void write(OutputStream out, byte[] bytes) throws IOException {
        if (faults.oneByteSegments()) {
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                writesToClient.incrementAndGet();
            }
        } else {
            out.write(bytes);
            out.flush();
            writesToClient.incrementAndGet();
        }
    }

    private void endAtLimit(Socket client) throws IOException {
        if (faults.limit() instanceof Fault.ResetAfter) {
            reset(client);
        } else {
            shutdownOutputQuietly(client);
        }
    }

    private static void reset(Socket client) throws IOException {
        client.setSoLinger(true, 0);
        client.close();
    }

    /** Reads the rest of the server's stream so that the server sees its bytes taken, not a reset. */
    private static void drain(RecordReader reader) throws IOException {
        while (reader.next() != null) {
            // discarded: the start fault replaced or ended the stream
        }
    }

    private void configure(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
    }

    static void shutdownOutputQuietly(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "shutdownOutput failed: " + e);
        }
    }

    /** The limit fault delivered its bytes: the connection ends now. */
    private static final class LimitReached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitReached() {
            super(null, null, false, false);
        }
    }
}
