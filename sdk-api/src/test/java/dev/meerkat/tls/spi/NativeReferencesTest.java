package dev.meerkat.tls.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NativeReferencesTest {

    @Test
    void countsLiveReferencesAcrossInstancesAndFreesOnceAtTheLast() {
        long before = NativeReferences.liveReferences();
        AtomicInteger freed = new AtomicInteger();
        NativeReferences context = new NativeReferences("test context", freed::incrementAndGet);
        context.acquire();
        assertThat(NativeReferences.liveReferences() - before).isEqualTo(2);

        context.release();
        context.release();

        assertThat(freed).hasValue(1);
        assertThat(NativeReferences.liveReferences()).isEqualTo(before);
        assertThatThrownBy(context::release).hasMessageContaining("one more");
        assertThat(NativeReferences.liveReferences()).isEqualTo(before);
    }
}
