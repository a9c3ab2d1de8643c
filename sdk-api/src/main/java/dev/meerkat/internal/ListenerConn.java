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

/** A TCP listener: accepts connections that inherit its options and handler. */
final class ListenerConn extends Conn {
    private static final System.Logger LOG = System.getLogger(ListenerConn.class.getName());
    /** Accepts per readiness, so one busy listener cannot starve the other connections. */
    private static final int ACCEPTS_PER_POLL = 64;
    private static final int BACKLOG = 128;

    private final ServerSocketChannel channel;

    private ListenerConn(Loop loop, Options options, Handler handler, ServerSocketChannel channel) {
        super(loop, options, handler, false);
        this.channel = channel;
    }

    static ListenerConn open(Loop loop, Endpoint endpoint, Options options, Handler handler) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(endpoint.host(), endpoint.port()), BACKLOG);
        } catch (IOException e) {
            loop.closeQuietly(channel);
            throw e;
        }
        ListenerConn listener = new ListenerConn(loop, options, handler, channel);
        listener.localAddress = (InetSocketAddress) channel.getLocalAddress();
        loop.register(listener, channel, SelectionKey.OP_ACCEPT);
        return listener;
    }

    @Override
    void onReady(int readyOps) {
        for (int i = 0; i < ACCEPTS_PER_POLL && !isClosing(); i++) {
            SocketChannel accepted = acceptOne();
            if (accepted == null) {
                return;
            }
            try {
                accepted.configureBlocking(false);
                accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
                StreamConn.accept(loop, accepted, options, currentHandler());
            } catch (IOException e) {
                LOG.log(Level.DEBUG, () -> this + ": dropped an accepted socket: " + e);
                loop.closeQuietly(accepted);
            }
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
