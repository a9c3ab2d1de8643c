package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.MemoryBudget;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BodyBufferTest {
    private final MemoryBudget budget = MemoryBudget.ofBytes(64 * 1024);

    @Test
    void aDeclaredLengthIsCountedAtOnceAndHandedOverWithoutACopy() {
        BodyBuffer body = BodyBuffer.tryAllocate(budget, 3, 10, 0);
        assertThat(budget.used()).isEqualTo(3);
        assertThat(body.append(ByteBuffer.wrap(new byte[] {1, 2, 3}))).isTrue();
        assertThat(body.bytes()).containsExactly(1, 2, 3).isSameAs(body.bytes());
        body.release();
        assertThat(budget.used()).isZero();
    }

    @Test
    void aBodyTheBudgetCannotHoldIsRefusedBeforeAnythingIsAllocated() {
        assertThat(BodyBuffer.tryAllocate(budget, 32 * 1024 + 1, 1 << 20, 0)).isNull();
        assertThat(budget.used()).isZero();
    }

    @Test
    void aChunkedBodyGrowsByDoublingUntilTheBudgetRefuses() {
        BodyBuffer body = BodyBuffer.tryAllocate(budget, -1, 1 << 20, 0);
        ByteBuffer piece = ByteBuffer.allocate(4096);
        int appended = 0;
        while (body.append(piece) && appended < 100) {
            appended++;
        }
        // 8 KiB, 16 KiB, 32 KiB fit in half the budget; 64 KiB does not.
        assertThat(body.size()).isEqualTo(32 * 1024);
        assertThat(budget.used()).isEqualTo(32 * 1024);
        assertThat(body.bytes()).hasSize(32 * 1024);
        body.release();
        assertThat(budget.used()).isZero();
    }

    @Test
    void aChunkedBodyNeverGrowsPastItsLimit() {
        BodyBuffer body = BodyBuffer.tryAllocate(budget, -1, 5000, 0);
        assertThat(body.append(ByteBuffer.allocate(5000))).isTrue();
        assertThat(budget.used()).isEqualTo(5000);
        assertThat(body.bytes()).hasSize(5000);
        body.release();
    }
}
