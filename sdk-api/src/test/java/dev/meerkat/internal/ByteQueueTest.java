package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteQueue} against a plain {@link ArrayDeque} of bytes: the same bytes in the same order
 * whatever mix of appends, fills, consumes, short reads, EOF and partial writes, and no buffer held
 * while empty.
 */
class ByteQueueTest {

    private static final int MIN_CAPACITY = 4096;
    private static final int SCRATCH = ByteQueue.READ_CHUNK;

    /** One step, applied to the queue and to the model alike. */
    sealed interface Op permits Append, Fill, Consume, Read, Write, Release { }

    /** {@code append} of {@code length} fresh bytes. */
    record Append(int length) implements Op { }

    /** {@code fillable(room)} with {@code written} of them used, then {@code releaseIfEmpty}, as TlsLayer does. */
    record Fill(int room, int written) implements Op { }

    /** Consumes {@code percent} of the queue, through a {@code readable()} view or by count. */
    record Consume(int percent, boolean throughView) implements Op { }

    /** {@code readFrom} a channel that hands over at most {@code offered} bytes, or EOF when negative. */
    record Read(int max, int offered) implements Op { }

    /** {@code writeTo} a channel that takes at most {@code accepted} bytes. */
    record Write(int accepted) implements Op { }

    /** {@code release()} of whatever is queued, as a connection that discards its output does. */
    record Release() implements Op { }

    @Property(tries = 300)
    void holdsTheSameBytesAsASimpleQueue(@ForAll("operations") List<Op> operations, @ForAll boolean direct)
            throws IOException {
        Model model = new Model(new BufferAccount(), (byte) 0, direct);
        for (Op op : operations) {
            model.apply(op);
            model.check(op);
            model.checkAccount(op);
        }
        model.queue.release();
        assertThat(model.account.bytes()).as("bytes accounted after release").isZero();
    }

    /**
     * Two connections' queues on one loop's pool, their steps interleaved: a buffer one gives back
     * and the other takes must never still carry the first one's bytes, nor be held by both; a heap
     * queue never gets a direct buffer (a handler may ask a heap queue's bytes for their array).
     */
    @Property(tries = 200)
    void queuesSharingAPoolKeepTheirOwnBytes(@ForAll("operations") List<Op> first, @ForAll boolean firstDirect,
                                             @ForAll("operations") List<Op> second) throws IOException {
        BufferAccount account = new BufferAccount();
        Model one = new Model(account, (byte) 0, firstDirect);
        Model two = new Model(account, (byte) 101, false);
        for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
            step(one, first, i);
            step(two, second, i);
            assertThat(two.queue.readable().isDirect()).as("a heap queue's buffer is direct").isFalse();
        }
        one.queue.release();
        two.queue.release();
        assertThat(account.bytes()).as("bytes accounted after both released").isZero();
        assertThat(account.pooledBytes()).isLessThanOrEqualTo(BufferPool.mostPooled(BufferAccount.POOLED_PER_SIZE));
    }

    private static void step(Model model, List<Op> operations, int i) throws IOException {
        if (i < operations.size()) {
            model.apply(operations.get(i));
            model.check(operations.get(i));
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 300);
        Arbitrary<Integer> large = Arbitraries.integers().between(0, 150_000);
        Arbitrary<Integer> length = Arbitraries.oneOf(small, large);
        Arbitrary<Op> op = Arbitraries.oneOf(
                length.map(Append::new),
                Combinators.combine(length, Arbitraries.integers().between(0, 100))
                        .as((room, percent) -> new Fill(room, room * percent / 100)),
                Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.of(true, false))
                        .as(Consume::new),
                Combinators.combine(length, Arbitraries.integers().between(-1, 40_000)).as(Read::new),
                length.map(Write::new),
                Arbitraries.just(new Release()));
        return op.list().ofMaxSize(60);
    }

    @Test
    void holdsNoBufferOnceEmpty() {
        BufferAccount account = new BufferAccount();
        ByteQueue queue = new ByteQueue(account);
        queue.append(ByteBuffer.wrap(new byte[10_000]));
        assertThat(account.bytes()).isPositive();

        queue.consume(4_000);
        queue.consumed(queue.readable().position(6_000));

        assertThat(queue.isEmpty()).isTrue();
        assertThat(account.bytes()).as("bytes accounted to an empty queue").isZero();
        assertThat(queue.readable().capacity()).isZero();
    }

    @Test
    void accountReturnsToZeroAfterRelease() {
        BufferAccount account = new BufferAccount();
        ByteQueue queue = new ByteQueue(account);
        queue.append(ByteBuffer.wrap(new byte[100]));
        queue.fillable(50_000).put(new byte[50_000]);
        queue.consume(100);

        queue.release();

        assertThat(account.bytes()).isZero();
        assertThat(queue.size()).isZero();
    }

    /** Taking 64-byte messages from 256 KiB used to compact after each, copying 512 MiB in all. */
    @Test
    void consumingMovesNoQueuedBytes() {
        ByteQueue queue = new ByteQueue(new BufferAccount());
        queue.append(ByteBuffer.wrap(new byte[256 * 1024]));
        byte[] backing = queue.readable().array();

        for (int consumed = 0; consumed < 256 * 1024 - 64; consumed += 64) {
            ByteBuffer view = queue.readable();
            assertThat(view.array()).isSameAs(backing);
            assertThat(view.arrayOffset()).as("where the queued bytes start").isEqualTo(consumed);
            queue.consumed(view.position(64));
        }
    }

    /** The queue under test, the reference deque, and the expectations that do not fit the deque. */
    private static final class Model {
        final BufferAccount account;
        final ByteQueue queue;
        final ArrayDeque<Byte> expected = new ArrayDeque<>();
        final ByteBuffer scratch = ByteBuffer.allocateDirect(SCRATCH);
        /** The largest size and fill request since the queue was last empty: they bound the buffer. */
        int peakSize;
        int peakRoom;
        byte next;

        /** {@code first} starts this model's counting sequence, so two models never queue the same bytes. */
        Model(BufferAccount account, byte first, boolean direct) {
            this.account = account;
            this.queue = new ByteQueue(account, direct);
            this.next = first;
        }

        void apply(Op op) throws IOException {
            if (op instanceof Append a) {
                queue.append(ByteBuffer.wrap(fresh(a.length())));
            } else if (op instanceof Fill f) {
                fill(f);
            } else if (op instanceof Consume c) {
                consume(c);
            } else if (op instanceof Read r) {
                read(r);
            } else if (op instanceof Write w) {
                write(w);
            } else {
                queue.release();
                expected.clear();
            }
            peakSize = Math.max(peakSize, expected.size());
        }

        private void fill(Fill f) {
            peakRoom = Math.max(peakRoom, f.room());
            queue.fillable(f.room()).put(fresh(f.written()));
            queue.releaseIfEmpty();
        }

        private void consume(Consume c) {
            int count = expected.size() * c.percent() / 100;
            if (c.throughView()) {
                ByteBuffer view = queue.readable();
                queue.consumed(view.position(count));
            } else {
                queue.consume(count);
            }
            for (int i = 0; i < count; i++) {
                expected.removeFirst();
            }
        }

        private void read(Read r) throws IOException {
            FakeSource source = new FakeSource(r.offered());
            int count = queue.readFrom(source, r.max(), scratch);
            int wanted = r.offered() < 0 ? -1 : Math.min(r.offered(), Math.min(r.max(), SCRATCH));
            assertThat(count).as("bytes read by readFrom(max %d) offered %d", r.max(), r.offered()).isEqualTo(wanted);
        }

        private void write(Write w) throws IOException {
            FakeSink sink = new FakeSink(w.accepted());
            int written = queue.writeTo(sink);
            assertThat(written).isEqualTo(Math.min(w.accepted(), expected.size()));
            for (int i = 0; i < written; i++) {
                assertThat(sink.taken[i]).as("byte %d written", i).isEqualTo(expected.removeFirst());
            }
        }

        void check(Op op) {
            assertThat(queue.size()).as("size after %s", op).isEqualTo(expected.size());
            assertThat(queue.isEmpty()).isEqualTo(expected.isEmpty());
            assertThat(toArray(queue.readable())).as("queued bytes after %s", op).isEqualTo(toArray(expected));
        }

        /** The queue alone on its account: what it holds is all the account counts. */
        void checkAccount(Op op) {
            if (expected.isEmpty()) {
                assertThat(account.bytes()).as("bytes accounted to an empty queue after %s", op).isZero();
                peakSize = 0;
                peakRoom = 0;
            } else {
                assertThat(account.bytes()).as("bytes accounted after %s", op)
                        .isBetween((long) expected.size(), (long) Math.max(MIN_CAPACITY, 4 * peakSize + 2 * peakRoom));
            }
        }

        /**
         * Bytes that continue one counting sequence, so a lost, doubled or reordered byte shows;
         * expected at the tail, as whoever asks hands every one of them to the queue.
         */
        private byte[] fresh(int length) {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = next++;
                expected.addLast(bytes[i]);
            }
            return bytes;
        }

        private static byte[] toArray(ByteBuffer view) {
            byte[] bytes = new byte[view.remaining()];
            view.duplicate().get(bytes);
            return bytes;
        }

        private static byte[] toArray(ArrayDeque<Byte> deque) {
            byte[] bytes = new byte[deque.size()];
            int i = 0;
            for (byte b : deque) {
                bytes[i++] = b;
            }
            return bytes;
        }

        /** A socket with {@code offered} fresh bytes ready (short reads when fewer are asked), or EOF if negative. */
        private final class FakeSource implements ReadableByteChannel, AlwaysOpen {
            final int offered;

            FakeSource(int offered) {
                this.offered = offered;
            }

            @Override
            public int read(ByteBuffer target) {
                if (offered < 0) {
                    return -1;
                }
                int count = Math.min(offered, target.remaining());
                target.put(fresh(count));
                return count;
            }
        }
    }

    /** A socket whose send buffer takes at most {@code room} bytes, over any number of writes. */
    private static final class FakeSink implements WritableByteChannel, AlwaysOpen {
        final byte[] taken;
        int position;

        FakeSink(int room) {
            this.taken = new byte[room];
        }

        @Override
        public int write(ByteBuffer source) {
            assertThat(source.remaining()).as("bytes offered to one socket write")
                    .isLessThanOrEqualTo(ByteQueue.WRITE_CHUNK);
            int count = Math.min(taken.length - position, source.remaining());
            source.get(taken, position, count);
            position += count;
            return count;
        }
    }

    /** A fake socket never closes. */
    private interface AlwaysOpen extends Channel {
        @Override
        default boolean isOpen() {
            return true;
        }

        @Override
        default void close() {
        }
    }
}
