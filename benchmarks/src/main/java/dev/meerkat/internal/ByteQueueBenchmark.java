package dev.meerkat.internal;

import java.nio.ByteBuffer;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A handler taking one 64-byte message per Read out of a full receive queue, as StreamConn offers
 * it: queue {@code queuedBytes}, then readable view, take 64 bytes, consumed, until empty. The cost
 * per byte stays flat as the queue grows only if consuming does not move the rest. The anchor does
 * the same reads from one plain {@link ByteBuffer}. It lives in ByteQueue's package because the
 * queue is package-private; the benchmarks run on the class path, where a package may span jars.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ByteQueueBenchmark {

    private static final int MESSAGE = 64;

    @Param({"262144", "1048576"})
    public int queuedBytes;

    private final byte[] message = new byte[MESSAGE];
    private ByteBuffer payload;
    private ByteBuffer plain;
    private ByteQueue queue;

    @Setup(Level.Trial)
    public void fill() {
        byte[] bytes = new byte[queuedBytes];
        new Random(512).nextBytes(bytes);
        payload = ByteBuffer.wrap(bytes);
        plain = ByteBuffer.allocate(queuedBytes);
        queue = new ByteQueue(new BufferAccount());
    }

    @Benchmark
    public int consumeMessagesFromByteQueue() {
        queue.append(payload.rewind());
        int sum = 0;
        while (!queue.isEmpty()) {
            ByteBuffer view = queue.readable();
            view.get(message);
            queue.consumed(view);
            sum += message[0];
        }
        return sum;
    }

    @Benchmark
    public int consumeMessagesFromPlainBuffer() {
        plain.clear();
        plain.put(payload.rewind()).flip();
        int sum = 0;
        while (plain.hasRemaining()) {
            plain.get(message);
            sum += message[0];
        }
        return sum;
    }
}
