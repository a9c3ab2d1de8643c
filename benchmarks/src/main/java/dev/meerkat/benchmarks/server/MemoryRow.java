package dev.meerkat.benchmarks.server;

/**
 * One server's idle-connection figures: what {@code connections} idle connections added to the heap
 * (after GC) and to the resident size outside the pre-touched heap, per connection.
 */
record MemoryRow(String server, int connections, ProcessMemory before, ProcessMemory after) {

    double heapPerConnection() {
        return (double) (after.heapBytes() - before.heapBytes()) / connections;
    }

    /** RSS growth: with the heap pre-touched, this is native memory (direct buffers, native TLS, code). */
    double nativePerConnection() {
        return (double) (after.rssBytes() - before.rssBytes()) / connections;
    }

    double totalPerConnection() {
        return heapPerConnection() + nativePerConnection();
    }
}
