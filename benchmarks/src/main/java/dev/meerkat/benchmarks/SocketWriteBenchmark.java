package dev.meerkat.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How the loop should hand its heap queue to a socket. A non-blocking loopback socket, drained by a
 * reader thread, takes {@code queuedBytes} as the loop writes them: write, and after a partial write
 * wait for OP_WRITE. {@code heapWrites} hands the whole queue to the channel, so the JDK copies all
 * that is still queued into its temporary direct buffer (cached per thread, as large as the largest
 * write) on every call, however little the socket takes; {@code chunkedWrites} hands it at most
 * {@code chunkBytes} per call, which is what a direct buffer of our own would cost too: one copy of
 * what is offered; {@code directWrites} hands the same chunks from a direct queue, which the JDK writes
 * without a copy. CPU per operation includes the reader thread's, which is the same for all three.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SocketWriteBenchmark {

    private static final int READ_BYTES = 256 * 1024;

    @Param({"65536", "4194304"})
    public int queuedBytes;

    @Param({"65536"})
    public int chunkBytes;

    /**
     * SO_SNDBUF of the writer and SO_RCVBUF of the reader, 0 for the system's (autotuned) default.
     * Small buffers stand for a slow peer: each write takes little, so the queue goes out in many.
     */
    @Param({"0", "65536"})
    public int socketBufferBytes;

    private ByteBuffer queue;
    private ByteBuffer directQueue;
    private SocketChannel writer;
    private SocketChannel reader;
    private Selector selector;
    private Thread drain;

    @Setup(Level.Trial)
    public void connect() throws IOException {
        queue = ByteBuffer.allocate(queuedBytes);
        directQueue = ByteBuffer.allocateDirect(queuedBytes);
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            if (socketBufferBytes > 0) {
                // Before listen, so that the accepted socket advertises the small window from the start.
                server.setOption(StandardSocketOptions.SO_RCVBUF, socketBufferBytes);
            }
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            writer = SocketChannel.open();
            if (socketBufferBytes > 0) {
                writer.setOption(StandardSocketOptions.SO_SNDBUF, socketBufferBytes);
            }
            writer.connect(server.getLocalAddress());
            reader = server.accept();
        }
        writer.configureBlocking(false);
        selector = Selector.open();
        writer.register(selector, SelectionKey.OP_WRITE);
        drain = new Thread(this::drain, "socket-write-benchmark-reader");
        drain.setDaemon(true);
        drain.start();
    }

    @TearDown(Level.Trial)
    public void disconnect() throws IOException, InterruptedException {
        selector.close();
        writer.close();
        drain.join(TimeUnit.SECONDS.toMillis(10));
        reader.close();
    }

    @Benchmark
    public int heapWrites() throws IOException {
        queue.clear();
        while (queue.hasRemaining()) {
            writer.write(queue);
            if (queue.hasRemaining()) {
                awaitWritable();
            }
        }
        return queue.position();
    }

    @Benchmark
    public int chunkedWrites() throws IOException {
        return writeInChunks(queue);
    }

    /** {@code chunkedWrites} from a direct queue: the socket takes its bytes with no copy by the JDK. */
    @Benchmark
    public int directWrites() throws IOException {
        return writeInChunks(directQueue);
    }

    private int writeInChunks(ByteBuffer from) throws IOException {
        from.clear();
        while (from.hasRemaining()) {
            int count = Math.min(chunkBytes, from.remaining());
            int written = writer.write(from.slice(from.position(), count));
            from.position(from.position() + written);
            if (written < count) {
                awaitWritable();
            }
        }
        return from.position();
    }

    private void awaitWritable() throws IOException {
        selector.select(1000);
        selector.selectedKeys().clear();
    }

    /** Reads until the writer closes: the peer that keeps the socket's send buffer moving. */
    private void drain() {
        ByteBuffer in = ByteBuffer.allocateDirect(READ_BYTES);
        try {
            while (reader.read(in.clear()) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // the trial ended
        }
    }
}
