package dev.meerkat.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reads jcmd's histogram as JDK 17 prints it, and ranks what grew. */
class ClassHistogramTest {

    private static final String BEFORE = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1000          64000  [B (java.base@17.0.15)
               2:           100           2400  java.lang.String (java.base@17.0.15)
            Total          1100          66400
            """;
    private static final String AFTER = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          3000         464000  [B (java.base@17.0.15)
               2:           200           4800  java.lang.String (java.base@17.0.15)
               3:           100           4000  dev.meerkat.internal.StreamConn
            Total          3300         472800
            """;

    @Test
    void ranksClassesByGrowthPerConnection() {
        String growth = ClassHistogram.parse(AFTER).growthSince(ClassHistogram.parse(BEFORE), 100, 2);

        assertThat(growth.lines()).containsExactly("    4000.0  [B", "      40.0  dev.meerkat.internal.StreamConn");
    }
}
