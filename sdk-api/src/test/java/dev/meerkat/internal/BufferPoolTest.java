package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    private final BufferPool pool = new BufferPool(16 * 1024);

    @Test
    void aBufferGivenBackIsTakenAgainCleared() {
        ByteBuffer first = pool.take(100, false);
        first.put(new byte[70]).limit(80);
        pool.give(first);

        ByteBuffer again = pool.take(4096, false);

        assertThat(again).isSameAs(first);
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(again.capacity());
        assertThat(pool.pooledBytes()).isZero();
    }

    @Test
    void sizesRoundUpToTheNextOfSixAndBeyondThemAreExact() {
        assertThat(BufferPool.capacityFor(0)).isEqualTo(4096);
        assertThat(BufferPool.capacityFor(4096)).isEqualTo(4096);
        assertThat(BufferPool.capacityFor(4097)).isEqualTo(8192);
        assertThat(BufferPool.capacityFor(TlsLayer.MAX_RECORD + 1024)).isEqualTo(20 * 1024);
        assertThat(BufferPool.capacityFor(20 * 1024 + 1)).isEqualTo(32 * 1024);
        assertThat(BufferPool.capacityFor(32 * 1024)).isEqualTo(32 * 1024);
        assertThat(BufferPool.capacityFor(32 * 1024 + 1)).isEqualTo(64 * 1024);
        assertThat(BufferPool.capacityFor(ByteQueue.WRITE_CHUNK)).isEqualTo(64 * 1024);
        assertThat(BufferPool.capacityFor(64 * 1024 + 1)).isEqualTo(64 * 1024 + 1);
        assertThat(pool.take(5000, false).capacity()).isEqualTo(8192);
    }

    @Test
    void aBufferIsNeverHandedToTwoOwners() {
        ByteBuffer given = pool.take(4096, false);
        pool.give(given);

        ByteBuffer first = pool.take(4096, false);
        ByteBuffer second = pool.take(4096, false);

        assertThat(first).isSameAs(given);
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void aBufferGivenBackTwiceIsRefused() {
        ByteBuffer buffer = pool.take(4096, false);
        pool.give(buffer);

        assertThatThrownBy(() -> pool.give(buffer)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("given back twice");
    }

    @Test
    void keepsAtMostItsBoundOfSparesPerSize() {
        List<ByteBuffer> taken = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            taken.add(pool.take(4096, false));
            taken.add(pool.take(32 * 1024, false));
        }
        taken.forEach(pool::give);
        pool.give(ByteBuffer.allocate(128 * 1024));
        pool.give(ByteBuffer.allocate(5000));

        // 16 KiB of 4 KiB buffers, and the least of any size, two, of 32 KiB beyond the bound.
        assertThat(pool.pooledBytes()).isEqualTo(16 * 1024 + 2 * 32 * 1024);
        assertThat(pool.pooledBytes()).isLessThanOrEqualTo(BufferPool.mostPooled(16 * 1024));
    }

    @Test
    void keepsTwoSparesOfTheLargestSizeSoAStreamsTwoQueuesCycleWithoutAllocating() {
        for (int round = 0; round < 5; round++) {
            ByteBuffer plaintext = pool.take(ByteQueue.WRITE_CHUNK, false);
            ByteBuffer ciphertext = pool.take(ByteQueue.WRITE_CHUNK, true);
            pool.give(ciphertext);
            pool.give(plaintext);
        }

        assertThat(pool.made()).as("buffers allocated over five rounds").isEqualTo(2);
        assertThat(pool.pooledBytes()).isEqualTo(2 * 64 * 1024);
    }

    @Test
    void directBuffersHaveSparesOfTheirOwnAndNoneBeyondTheLargestSize() {
        ByteBuffer direct = pool.take(20_000, true);
        pool.give(direct);

        ByteBuffer heap = pool.take(20_000, false);
        ByteBuffer directAgain = pool.take(20_000, true);

        assertThat(direct.isDirect()).isTrue();
        assertThat(heap.isDirect()).as("a heap request given the direct spare").isFalse();
        assertThat(directAgain).isSameAs(direct);
        assertThat(pool.take(64 * 1024 + 1, true).isDirect()).as("direct beyond the largest size").isFalse();
    }

    @Test
    void theBudgetCountsOnlyBuffersInUseAndReturnsToZeroOnceConnectionsClose() {
        SharedBudget budget = new SharedBudget(1 << 20);
        BufferAccount account = new BufferAccount(budget);
        List<ByteQueue> connections = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 20; i++) {
                ByteQueue queue = new ByteQueue(account);
                queue.append(ByteBuffer.allocate(100 + 1000 * i));
                connections.add(queue);
            }
            assertThat(budget.used()).isEqualTo(account.bytes()).isPositive();
            connections.forEach(ByteQueue::release);
            connections.clear();

            assertThat(account.bytes()).as("bytes held after round %d", round).isZero();
            assertThat(budget.used()).isZero();
            assertThat(account.pooledBytes()).isPositive().isLessThanOrEqualTo(BufferPool.mostPooled(BufferAccount.POOLED_PER_SIZE));
        }
    }
}
