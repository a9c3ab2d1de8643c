package dev.meerkat.internal;

import dev.meerkat.Handler;
import dev.meerkat.Options;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * A TCP listener: accepts connections that inherit its options and handler. In a loop group
 * (docs/ARCHITECTURE.md, "Loop groups") each loop has one: bound with SO_REUSEPORT, or, where one
 * acceptor hands connections out, without a socket of its own on every other loop.
 */
final class ListenerConn extends Conn {
    private static final System.Logger LOG = System.getLogger(ListenerConn.class.getName());
    /** Accepts per readiness, so one busy listener cannot starve the other connections. */
    private static final int ACCEPTS_PER_POLL = 64;
    private static final int BACKLOG = 128;

    /** Null on a loop whose connections another loop's acceptor accepts. */
    private final ServerSocketChannel channel;
    /** Who adopts the next accepted connections, in turn: this listener alone unless it is a group's acceptor. */
    private List<ListenerConn> spread = List.of(this);
    private int next;

    private ListenerConn(Loop loop, Options options, Handler handler, ServerSocketChannel channel) {
        super(loop, options, handler, false);
        this.channel = channel;
    }

    /** Binds {@code address}; with {@code reusePort}, beside the other loops' listeners on the same port. */
    static ListenerConn open(Loop loop, InetSocketAddress address, boolean reusePort, Options options, Handler handler)
            throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort) {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            channel.bind(address, BACKLOG);
        } catch (IOException | UnsupportedOperationException e) {
            loop.closeQuietly(channel);
            throw e;
        }
        ListenerConn listener = new ListenerConn(loop, options, handler, channel);
        listener.localAddress = (InetSocketAddress) channel.getLocalAddress();
        loop.register(listener, channel, SelectionKey.OP_ACCEPT);
        return listener;
    }

    /**
     * Fails when something listens on {@code address} already. SO_REUSEPORT would let a group bind
     * beside another process of the same user (a second {@code meerkat serve} on the port) and
     * silently share its traffic; a plain bind, which the kernel refuses then, checks first.
     */
    static void requireFree(InetSocketAddress address) throws IOException {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(address, 1);
        }
    }

    /** A listener with no socket: the acceptor on another loop hands it connections accepted on {@code address}. */
    static ListenerConn fed(Loop loop, InetSocketAddress address, Options options, Handler handler) {
        ListenerConn listener = new ListenerConn(loop, options, handler, null);
        listener.localAddress = address;
        loop.list(listener);
        return listener;
    }

    /** Makes this acceptor hand its connections to {@code listeners} in turn. Loop thread only. */
    void spreadOver(List<ListenerConn> listeners) {
        spread = List.copyOf(listeners);
        next = 0;
    }

    @Override
    void onReady(int readyOps) {
        for (int i = 0; i < ACCEPTS_PER_POLL && !isClosing(); i++) {
            SocketChannel accepted = acceptOne();
            if (accepted == null) {
                return;
            }
            ListenerConn target = spread.get(next);
            next = (next + 1) % spread.size();
            if (target.loop == loop) {
                target.adopt(accepted);
            } else {
                // A loop that closes before it runs the task fails the future: the socket is closed, not leaked.
                SubmittedTask.submit(target.loop, () -> target.adopt(accepted)).whenComplete((adopted, failure) -> {
                    if (failure != null) {
                        loop.closeQuietly(accepted);
                    }
                });
            }
        }
    }

    /** Makes {@code accepted} a connection of this listener's loop, with its options and handler. */
    private boolean adopt(SocketChannel accepted) {
        if (isClosing()) {
            loop.closeQuietly(accepted);
            return false;
        }
        try {
            accepted.configureBlocking(false);
            accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
            StreamConn.accept(loop, accepted, options, currentHandler());
            return true;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> this + ": dropped an accepted socket: " + e);
            loop.closeQuietly(accepted);
            return false;
        }
    }

    private SocketChannel acceptOne() {
        try {
            return channel.accept();
        } catch (IOException e) {
            // EMFILE and friends: keep listening, the next poll tries again.
            LOG.log(Level.WARNING, () -> this + ": accept failed: " + e);
            return null;
        }
    }

    @Override
    void service() {
        if (isAbandoned() && !isClosed()) {
            finish();
        }
    }

    @Override
    boolean isEstablished() {
        return true;
    }

    @Override
    boolean hasTimeouts() {
        return false;
    }

    @Override
    public boolean isListener() {
        return true;
    }

    @Override
    public boolean isTls() {
        return options.tls() != null;
    }

    @Override
    void releaseResources() {
        loop.closeQuietly(channel);
    }

    @Override
    public String toString() {
        return "listener " + id() + " on " + localAddress;
    }
}
