package dev.meerkat.benchmarks.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing of /proc's thread files; the figures themselves come from benchmarks/seed-client.sh. */
class ThreadCpuTest {

    @Test
    void schedstatGivesTimeOnACpuThenTimeWaitingForOne() {
        assertThat(ThreadCpu.schedstat("311000000 27000000 4242\n")).containsExactly(311_000_000L, 27_000_000L);
    }

    @Test
    void aPoolsThreadsShareAKindButTheTwoCompilersDoNot() {
        assertThat(ThreadCpu.kind("meerkat-loop-12\n")).isEqualTo("meerkat-loop-N");
        assertThat(ThreadCpu.kind("HttpClient-1-Wo")).isEqualTo("HttpClient-N-Wo");
        assertThat(ThreadCpu.kind("GC Thread#3")).isEqualTo("GC Thread#N");
        assertThat(ThreadCpu.kind("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
    }
}
