package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedBudgetTest {
    private final SharedBudget budget = new SharedBudget(1000);
    private final AtomicInteger wakes = new AtomicInteger();

    @Test
    void wakesTheLoopsOnceWhenAReleaseBringsAnExhaustedBudgetUnderItsLimit() {
        budget.addWaker(wakes::incrementAndGet);
        budget.acquire(1200);
        assertThat(budget.exhausted()).isTrue();
        budget.release(100);
        assertThat(wakes).hasValue(0);
        budget.release(200);
        budget.release(200);
        assertThat(wakes).hasValue(1);
        assertThat(budget.exhausted()).isFalse();
    }

    @Test
    void wakesNobodyWhenNoReaderFoundItExhausted() {
        budget.addWaker(wakes::incrementAndGet);
        budget.acquire(1200);
        budget.release(1200);
        assertThat(wakes).hasValue(0);
    }

    @Test
    void aZeroReleaseChangesNothingAndWakesNobody() {
        budget.addWaker(wakes::incrementAndGet);
        budget.acquire(1000);
        assertThat(budget.exhausted()).isTrue();
        budget.release(0);
        assertThat(wakes).hasValue(0);
        assertThat(budget.used()).isEqualTo(1000);
        budget.release(1);
        assertThat(wakes).hasValue(1);
    }

    @Test
    void aRemovedWakerIsNotRun() {
        Runnable waker = wakes::incrementAndGet;
        budget.addWaker(waker);
        budget.removeWaker(waker);
        budget.acquire(1000);
        assertThat(budget.exhausted()).isTrue();
        budget.release(1000);
        assertThat(wakes).hasValue(0);
    }

    @Test
    void heldBytesMayTakeHalfTheLimitSoThatIoKeepsMoving() {
        assertThat(budget.tryAcquire(500)).isTrue();
        assertThat(budget.tryAcquire(1)).isFalse();
        budget.release(500);
        budget.acquire(300);
        assertThat(budget.tryAcquire(201)).isFalse();
        assertThat(budget.tryAcquire(200)).isTrue();
        assertThat(budget.used()).isEqualTo(500);
        assertThat(budget.peak()).isEqualTo(500);
    }

    @Test
    void accountsCountTheirOwnBytesAndChargeTheSharedBudget() {
        BufferAccount first = new BufferAccount(budget);
        BufferAccount second = new BufferAccount(budget);
        first.allocated(600);
        second.allocated(400);
        assertThat(budget.used()).isEqualTo(1000);
        first.released(600);
        assertThat(first.bytes()).isZero();
        assertThat(second.bytes()).isEqualTo(400);
    }

    @Test
    void anExhaustedBudgetStopsConnectionsThatHoldBytesAndLetsTheOthersReadOneBuffer() {
        BufferAccount account = new BufferAccount(budget);
        assertThat(account.readAllowance(5000, true, 100)).isEqualTo(5000);
        account.allocated(1000);
        assertThat(account.readAllowance(5000, true, 100)).isZero();
        assertThat(account.readAllowance(5000, false, 100)).isEqualTo(100);
        assertThat(account.readAllowance(50, false, 100)).isEqualTo(50);
        assertThat(account.readAllowance(5000, false, -1)).isZero();
        account.released(1);
        assertThat(account.readAllowance(5000, true, 100)).isEqualTo(5000);
    }
}
