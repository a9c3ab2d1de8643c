package dev.meerkat;

import dev.meerkat.internal.BlockingBridge;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A blocking view of a {@link Connection}, for code written with streams or for virtual threads: a
 * {@link ByteChannel}, and {@link #inputStream()}/{@link #outputStream()} over it, on any TLS
 * provider (the role tls-channel plays for SSLEngine). The manager must run on its own thread
 * ({@link Manager#start()}).
 *
 * <p><b>Threads.</b> The loop thread does all socket and TLS work; a blocking call only waits on a
 * hand-off buffer (under a {@link java.util.concurrent.locks.ReentrantLock}, never a monitor) and
 * queues small tasks on the loop, so a virtual thread never pins its carrier in native code or
 * holds the loop. One reader and one writer may work at the same time, on different threads.
 *
 * <p><b>End of input.</b> {@link #read} returns -1 only after a clean end: the TLS peer's
 * close_notify, or a FIN on plain TCP ({@link CloseReason#CLEAN}). Any other end (a TLS peer that
 * closed without close_notify, a reset, a failure, the manager closing) throws a
 * {@link ConnectionClosedException} naming the {@link CloseReason}, and only after every byte that
 * arrived was read. Meerkat has no half-close: once the input ended, the connection closes, and
 * writes throw too.
 *
 * <p><b>Backpressure.</b> Reading: up to {@code readBuffer} bytes (64 KiB by default) wait for the
 * reader; when they fill it, the connection pauses reading until the reader took half of them.
 * Writing: {@link #write} returns once its bytes are handed to the loop, which sends them while the
 * connection {@link Connection#isWritable() is writable}; the writer blocks while a high write
 * watermark's worth of bytes waits for that.
 *
 * <p><b>Timeouts.</b> {@link #readTimeout} bounds each wait for the next bytes,
 * {@link #writeTimeout} each wait for room to write (and {@link #flush}); zero, the default, waits
 * without limit. Both end with a {@link java.net.SocketTimeoutException}; the connection stays open.
 *
 * <pre>{@code
 * try (Manager mgr = new Manager().start();
 *      BlockingConnection c = BlockingConnection.connect(mgr, "tls://example.com:443", Options.defaults())) {
 *     c.outputStream().write("GET / HTTP/1.0\r\nHost: example.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
 *     byte[] response = c.inputStream().readAllBytes();   // throws if the end was not clean
 * }
 * }</pre>
 */
public final class BlockingConnection implements ByteChannel {
    /** How many received bytes may wait for the reader before the connection pauses reading. */
    public static final int DEFAULT_READ_BUFFER = 64 * 1024;

    private final BlockingBridge bridge;
    private volatile Duration readTimeout = Duration.ZERO;
    private volatile Duration writeTimeout = Duration.ZERO;

    private BlockingConnection(BlockingBridge bridge) {
        this.bridge = bridge;
    }

    /**
     * Connects from any thread and waits until the connection is ready for data (TLS: handshake
     * done); the options' handshake timeout bounds the wait.
     *
     * @param manager the manager, running on its own thread ({@link Manager#start()})
     * @param url     the peer: {@code tcp://host:port} or {@code tls://host:port}
     * @param options the connection's settings
     * @return the connection, ready for data
     * @throws IOException the connect or handshake failure ({@link dev.meerkat.tls.TlsException} for
     *                     TLS), or {@link InterruptedIOException} when the thread was interrupted
     *                     while waiting (the connection is then closed)
     */
    public static BlockingConnection connect(Manager manager, String url, Options options) throws IOException {
        BlockingBridge bridge = new BlockingBridge(manager, options, DEFAULT_READ_BUFFER);
        CompletableFuture<Connection> ready = manager.connectAsync(url, options, bridge);
        try {
            ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready.thenAcceptAsync(Connection::close, manager::execute);
            throw new InterruptedIOException("interrupted while connecting to " + url);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("cannot connect to " + url, e.getCause());
        }
        return new BlockingConnection(bridge);
    }

    /**
     * A handler for {@link Manager#listen}: each accepted connection is handed to {@code onAccept}
     * as a BlockingConnection, on the loop thread, at its Accept event (before a TLS handshake; the
     * first read or write waits for it). {@code onAccept} must not block: start a thread for it.
     *
     * <pre>{@code
     * mgr.listenAsync("tls://0.0.0.0:8443", options, BlockingConnection.acceptor(
     *         c -> Thread.startVirtualThread(() -> serve(c)))).get();
     * }</pre>
     *
     * @param onAccept gets each accepted connection, on the loop thread
     * @return the handler to pass to {@link Manager#listen}
     */
    public static Handler acceptor(Consumer<BlockingConnection> onAccept) {
        Objects.requireNonNull(onAccept, "onAccept");
        return (connection, event) -> {
            if (event instanceof Event.Accept) {
                BlockingBridge bridge = new BlockingBridge(connection.manager(), connection.options(), DEFAULT_READ_BUFFER);
                connection.handler(bridge);
                bridge.handle(connection, event);
                onAccept.accept(new BlockingConnection(bridge));
            }
        };
    }

    /** {@return the connection underneath} Its methods belong to the loop thread, except those it names. */
    public Connection connection() {
        return bridge.connection();
    }

    /** {@return how the connection ended, or null while it is open} Any thread. */
    public @Nullable CloseReason closeReason() {
        return bridge.closeReason();
    }

    /**
     * Bounds each wait of {@link #read}; the default is no bound.
     *
     * @param timeout the longest wait for the next bytes; zero for no bound
     * @return this connection
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public BlockingConnection readTimeout(Duration timeout) {
        this.readTimeout = requireNotNegative(timeout);
        return this;
    }

    /**
     * Bounds each wait of {@link #write} and {@link #flush} for room; the default is no bound.
     *
     * @param timeout the longest wait for room; zero for no bound
     * @return this connection
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public BlockingConnection writeTimeout(Duration timeout) {
        this.writeTimeout = requireNotNegative(timeout);
        return this;
    }

    /**
     * Reads at least one byte into {@code dst}, waiting for it; -1 after a clean end.
     *
     * @throws ConnectionClosedException once every byte was read, when the end was not clean
     * @throws java.net.SocketTimeoutException when no byte came within the read timeout
     * @throws java.nio.channels.ClosedChannelException after {@link #close()} (an
     *         {@link java.nio.channels.AsynchronousCloseException} for a read it interrupted)
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        return bridge.read(dst, readTimeout);
    }

    /**
     * Hands every byte of {@code src} to the loop, waiting while the connection is not writable.
     *
     * @throws ConnectionClosedException when the connection ended; bytes not yet sent are lost
     * @throws java.net.SocketTimeoutException when there was no room within the write timeout
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        return bridge.write(src, writeTimeout);
    }

    /**
     * Waits until the loop took every written byte into the connection's send queue. The bytes may
     * still wait there for the socket.
     *
     * @throws ConnectionClosedException when the connection ended first
     * @throws java.net.SocketTimeoutException when that took longer than the write timeout
     * @throws java.nio.channels.ClosedChannelException after {@link #close()}
     * @throws IOException an {@link InterruptedIOException} when interrupted while waiting
     */
    public void flush() throws IOException {
        bridge.flush(writeTimeout);
    }

    @Override
    public boolean isOpen() {
        return bridge.isOpen();
    }

    /**
     * Closes without blocking: a read or write waiting on another thread stops with an
     * {@link java.nio.channels.AsynchronousCloseException}; the loop sends what was written, then
     * close_notify on TLS ({@link Connection#closeAfterFlush()}). Idempotent.
     */
    @Override
    public void close() {
        bridge.close();
    }

    /**
     * {@return this channel as an InputStream} It takes no monitor, so it is safe on virtual threads;
     * closing it closes the channel.
     */
    public InputStream inputStream() {
        return new ChannelStreams.In(this);
    }

    /**
     * {@return this channel as an OutputStream} Its {@code flush()} is {@link #flush()}; closing it
     * closes the channel.
     */
    public OutputStream outputStream() {
        return new ChannelStreams.Out(this);
    }

    private static Duration requireNotNegative(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("expected a timeout of zero or more but was " + timeout);
        }
        return timeout;
    }
}
