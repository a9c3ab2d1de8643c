package dev.meerkat;

import dev.meerkat.internal.Conn;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Several {@link Manager}s, one loop thread each, serving one port: a server that uses every core.
 * Each connection lives on one loop for its whole life; the loops share one {@link MemoryBudget}
 * and nothing else (docs/ARCHITECTURE.md, "Loop groups").
 *
 * <pre>{@code
 * try (LoopGroup group = new LoopGroup(Runtime.getRuntime().availableProcessors()).start()) {
 *     List<Connection> listeners = group.listen("tcp://127.0.0.1:8080", Options.defaults(),
 *             manager -> new EchoHandler()).join();   // one handler per loop: no state shared across threads
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> {@link #start()}, {@link #listen}, {@link #stopped()} and {@link #close()} may
 * be called from any thread; each manager keeps its own thread rules. A loop that stops on a failure
 * (an {@link OutOfMemoryError} on its thread, see {@link Manager}) closes the whole group, so the
 * port is never left served by some loops and not others; {@link #stopped()} then fails with it.
 */
public final class LoopGroup implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LoopGroup.class.getName());

    /** How the connections of one port are spread over the loops. */
    public enum Spreading {
        /**
         * Every loop binds the port with {@code SO_REUSEPORT} and the kernel spreads the connections
         * by a hash of their addresses: no thread hands anything over.
         */
        REUSE_PORT,
        /** The first loop accepts every connection and hands them to the loops in turn, itself included. */
        ACCEPTOR;

        /**
         * {@link #REUSE_PORT} on Linux, where the kernel balances connections over the sockets
         * sharing a port; {@link #ACCEPTOR} elsewhere (macOS accepts the option but gives every
         * connection to one socket; Windows has no such option).
         *
         * @return the way this platform spreads connections best
         */
        public static Spreading platformDefault() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
                return ACCEPTOR;
            }
            try (ServerSocketChannel probe = ServerSocketChannel.open()) {
                return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT) ? REUSE_PORT : ACCEPTOR;
            } catch (IOException e) {
                return ACCEPTOR;
            }
        }
    }

    private final List<Manager> managers;
    private final MemoryBudget budget;
    private final Spreading spreading;

    /**
     * {@code loops} loops sharing {@link MemoryBudget#processDefault()}, spread the platform's way.
     *
     * @param loops how many loop threads, at least 1; usually the number of cores
     * @throws IllegalArgumentException when {@code loops} is less than 1
     */
    public LoopGroup(int loops) {
        this(loops, MemoryBudget.processDefault(), Spreading.platformDefault());
    }

    /**
     * {@code loops} loops whose connections' buffers all count against {@code budget}.
     *
     * @param loops     how many loop threads, at least 1
     * @param budget    the one budget of every loop's buffers
     * @param spreading how a listener's connections reach the loops
     * @throws IllegalArgumentException when {@code loops} is less than 1
     */
    public LoopGroup(int loops, MemoryBudget budget, Spreading spreading) {
        if (loops < 1) {
            throw new IllegalArgumentException("expected at least 1 loop but was " + loops);
        }
        this.budget = Objects.requireNonNull(budget, "budget");
        this.spreading = Objects.requireNonNull(spreading, "spreading");
        List<Manager> made = new ArrayList<>(loops);
        for (int i = 0; i < loops; i++) {
            made.add(new Manager(budget));
        }
        this.managers = List.copyOf(made);
    }

    /**
     * Runs every loop on its own thread ({@link Manager#start()}).
     *
     * @return this group
     * @throws IllegalStateException when the group already runs or is closed
     */
    public LoopGroup start() {
        for (Manager manager : managers) {
            manager.start();
            manager.loop().stopped().whenComplete((stopped, failure) -> {
                if (failure != null) {
                    LOG.log(Level.ERROR, "a loop of the group stopped on " + failure + "; the group closes its other loops");
                    // Not on the stopping loop's thread: close() waits for threads to end.
                    new Thread(this::close, "meerkat-group-stop").start();
                }
            });
        }
        return this;
    }

    /**
     * {@return the managers, one per loop, in order} The first is the acceptor under
     * {@link Spreading#ACCEPTOR}. Any thread.
     */
    public List<Manager> managers() { return managers; }

    /** {@return how this group's listeners spread their connections over the loops} */
    public Spreading spreading() { return spreading; }

    /** {@return the one budget every loop's buffers count against} */
    public MemoryBudget memoryBudget() { return budget; }

    /**
     * Listens on {@code url} ({@code tcp://} or {@code tls://}) on every loop, spread as
     * {@link #spreading()} says. {@code handlers} runs once on each loop's thread and gives that
     * loop's listener its handler, which the loop's accepted connections inherit. The future holds
     * the listeners in the order of {@link #managers()}, each bound to the same address (port 0
     * picks one free port for all), or fails with what refused the address; then no listener is
     * left open. Call after {@link #start()}; any thread.
     *
     * @param url      {@code tcp://host:port} or {@code tls://host:port}
     * @param options  the listeners' options, which accepted connections inherit
     * @param handlers gives each loop's listener its handler, on that loop's thread
     * @return the listeners, one per loop, once all are bound
     */
    public CompletableFuture<List<Connection>> listen(String url, Options options, Function<Manager, Handler> handlers) {
        Manager first = managers.get(0);
        // One loop has nothing to spread: a plain bind, refused when the port is taken.
        boolean reusePort = spreading == Spreading.REUSE_PORT && managers.size() > 1;
        return first.submit(() -> first.loop().listenTcp(url, 0, reusePort, options, handlers.apply(first)))
                .thenCompose(bound -> reusePort ? listenReusingPort(bound, url, options, handlers)
                        : listenFed(bound, options, handlers));
    }

    private CompletableFuture<List<Connection>> listenReusingPort(Connection bound, String url, Options options,
            Function<Manager, Handler> handlers) {
        int port = bound.localAddress().getPort();
        return all(bound, manager -> manager.loop().listenTcp(url, port, true, options, handlers.apply(manager)));
    }

    private CompletableFuture<List<Connection>> listenFed(Connection acceptor, Options options,
            Function<Manager, Handler> handlers) {
        return all(acceptor, manager -> manager.loop().listenFed(acceptor.localAddress(), options, handlers.apply(manager)))
                .thenCompose(listeners -> acceptor.manager().submit(() -> {
                    List<Conn> targets = listeners.stream().map(Connection::conn).toList();
                    acceptor.manager().loop().spread(acceptor.conn(), targets);
                    return listeners;
                }));
    }

    /** {@code first}, then a listener made on every other loop; if any fails, every one made is closed. */
    private CompletableFuture<List<Connection>> all(Connection first, Function<Manager, Connection> listen) {
        List<CompletableFuture<Connection>> listening = new ArrayList<>();
        listening.add(CompletableFuture.completedFuture(first));
        for (Manager manager : managers.subList(1, managers.size())) {
            listening.add(manager.submit(() -> listen.apply(manager)));
        }
        return CompletableFuture.allOf(listening.toArray(CompletableFuture[]::new)).handle((done, failure) -> {
            if (failure == null) {
                return listening.stream().map(CompletableFuture::join).toList();
            }
            for (CompletableFuture<Connection> made : listening) {
                if (!made.isCompletedExceptionally()) {
                    Connection listener = made.join();
                    listener.manager().execute(listener::close);
                }
            }
            throw failure instanceof CompletionException wrapped ? wrapped : new CompletionException(failure);
        });
    }

    /**
     * Completes once every loop stopped after {@link #start()}: normally after {@link #close()}, or
     * exceptionally with what stopped the first loop that failed.
     *
     * @return a future of the whole group's end
     */
    public CompletableFuture<Void> stopped() {
        return CompletableFuture.allOf(managers.stream().map(m -> m.loop().stopped()).toArray(CompletableFuture[]::new));
    }

    /**
     * Closes every loop as {@link Manager#close()} does, the acceptor first, waiting for each
     * thread to end. Idempotent; any thread.
     */
    @Override
    public void close() {
        for (Manager manager : managers) {
            manager.close();
        }
    }
}
