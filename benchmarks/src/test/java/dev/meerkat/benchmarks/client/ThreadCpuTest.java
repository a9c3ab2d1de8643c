package dev.meerkat.benchmarks.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing of /proc's thread lines; the figures themselves come from benchmarks/seed-client.sh. */
class ThreadCpuTest {

    @Test
    void ticksAddUserAndSystemTimeAfterANameWithSpacesAndParentheses() {
        String stat = "4242 (C2 Compiler) (x)) S 1 4242 4242 0 -1 4194368 53 0 0 0 311 27 0 0 20 0 1 0 100 0 0";
        assertThat(ThreadCpu.ticks(stat)).isEqualTo(338);
    }

    @Test
    void aPoolsThreadsShareAKindButTheTwoCompilersDoNot() {
        assertThat(ThreadCpu.kind("meerkat-loop-12\n")).isEqualTo("meerkat-loop-N");
        assertThat(ThreadCpu.kind("HttpClient-1-Wo")).isEqualTo("HttpClient-N-Wo");
        assertThat(ThreadCpu.kind("GC Thread#3")).isEqualTo("GC Thread#N");
        assertThat(ThreadCpu.kind("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
    }
}
