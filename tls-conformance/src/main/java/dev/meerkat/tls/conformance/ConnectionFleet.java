package dev.meerkat.tls.conformance;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.tls.TlsContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Many TLS connections from one client {@link Manager} (polled on the calling thread) to one echo
 * server on its own Manager thread ({@link Manager#run()}). Connections open in waves so that the
 * listener's accept backlog never overflows.
 */
final class ConnectionFleet implements AutoCloseable {

    private static final int WAVE = 100;

    private final Manager server = new Manager();
    private final Manager client = new Manager();
    private final Thread serverThread;
    private final TlsContext clientContext;
    private final int port;
    private final AtomicInteger serverOpen = new AtomicInteger();
    private final List<FleetClient> clients = new ArrayList<>();

    ConnectionFleet(TlsContext serverContext, TlsContext clientContext) {
        this.clientContext = clientContext;
        Connection listener = server.listen("tls://127.0.0.1:0", Options.defaults().withTls(serverContext), this::echo);
        this.port = listener.localAddress().getPort();
        serverThread = new Thread(server::run, "fleet-server");
        serverThread.setDaemon(true);
        serverThread.start();
    }

    /** Opens {@code count} more connections and waits until each completed its handshake. */
    void open(int count) {
        for (int opened = 0; opened < count; opened += WAVE) {
            List<FleetClient> wave = new ArrayList<>();
            for (int i = 0; i < Math.min(WAVE, count - opened); i++) {
                FleetClient c = new FleetClient();
                client.connect("tls://127.0.0.1:" + port, Options.defaults().withTls(clientContext), c);
                wave.add(c);
            }
            clients.addAll(wave);
            pollUntil(() -> wave.stream().allMatch(c -> c.log.session() != null), "handshakes of a wave", wave);
        }
    }

    /** Every connection sends {@code message}; waits until each read the echo and checks its bytes. */
    void echoOnAll(Payload message) {
        for (FleetClient c : clients) {
            c.send(message);
        }
        pollUntil(() -> clients.stream().allMatch(c -> c.log.bytes() >= message.length()), "echoes", clients);
        for (FleetClient c : clients) {
            if (c.log.bytes() != message.length() || !c.log.sha256().equals(message.sha256())) {
                throw new AssertionError("expected the echo of " + message.length() + " bytes with SHA-256 "
                        + message.sha256() + " but connection read " + c.log.bytes() + " bytes with " + c.log.sha256());
            }
        }
    }

    /** Closes every connection with close_notify, waits until both sides saw every Close, forgets them. */
    void closeAll() {
        for (FleetClient c : clients) {
            c.connection.closeAfterFlush();
        }
        pollUntil(() -> clients.stream().allMatch(c -> c.log.isClosed()) && serverOpen.get() == 0, "closes", clients);
        clients.clear();
    }

    int openOnServer() {
        return serverOpen.get();
    }

    Manager clientManager() {
        return client;
    }

    /** The server manager's connections, the listener included. */
    int serverConnections() {
        return onServer(m -> m.connections().size());
    }

    long serverBufferedBytes() {
        return onServer(Manager::bufferedBytes);
    }

    /** Runs {@code query} on the server's loop thread (connections() and bufferedBytes() are loop-only). */
    private <T> T onServer(Function<Manager, T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        server.execute(() -> result.complete(query.apply(server)));
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("expected the server loop to answer within 10 s", e);
        }
    }

    /**
     * The open descriptors once at most {@code limit} remain, polling the client loop for up to 5 s
     * meanwhile: NIO closes a channel registered with a selector only at that selector's next select,
     * so the sockets closed in the last poll still hold their descriptors until the loop turns again.
     */
    List<String> openFileDescriptorsOnceAtMost(int limit) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> open = openFileDescriptors();
        while (open.size() > limit && System.nanoTime() < deadline) {
            client.poll(10);
            open = openFileDescriptors();
        }
        return open;
    }

    /** What each open file descriptor of this process points to (Linux), e.g. "socket:[123]". */
    static List<String> openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(ConnectionFleet::target).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/self/fd", e);
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "closed while listing";
        }
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        server.close();
        serverThread.join(10_000);
    }

    private void pollUntil(java.util.function.BooleanSupplier done, String what, List<FleetClient> watched) {
        ScenarioRunner.pollUntil(client, done, () -> "expected " + what + " within " + ScenarioRunner.DEADLINE
                + "; server has " + serverOpen.get() + " open; first pending client: " + watched.stream()
                .filter(c -> c.log.isClosed() || c.log.session() == null).findFirst().map(c -> c.log.toString())
                .orElse("none"));
    }

    /** The server: echoes every byte; counts its open connections. */
    private void echo(Connection connection, Event event) {
        if (connection.isListener()) {
            return;
        }
        if (event instanceof Event.Accept) {
            serverOpen.incrementAndGet();
        } else if (event instanceof Event.Close) {
            serverOpen.decrementAndGet();
        } else if (event instanceof Event.Read read && !connection.send(read.data())) {
            throw new IllegalStateException("expected the echo server to queue " + read.data().remaining()
                    + " bytes on connection " + connection.id());
        }
    }

    private static final class FleetClient implements Handler {
        final EventLog log = new EventLog();
        Connection connection;

        @Override
        public void handle(Connection c, Event event) {
            connection = c;
            log.record(event);
        }

        void send(Payload message) {
            if (!connection.send(message.bytes())) {
                throw new IllegalStateException("expected connection " + connection.id() + " to queue "
                        + message.length() + " bytes");
            }
        }
    }
}
