package dev.meerkat.tls.openssl.jna;

import dev.meerkat.tls.conformance.NativeIdleMemorySuite;

/**
 * The shared idle-memory test on openssl-jna. While each SSL kept its memory BIOs at the size they
 * grew to (a whole record each after the response) a pair held about 58 KB; with {@link MemoryBios}
 * releasing drained BIOs about 23 KB (and 26 KB before, 23 KB after, with a 1 KB response). The
 * bound sits between the two, with room for allocator and JIT noise.
 */
class OpenSslJnaIdleMemoryTest extends NativeIdleMemorySuite {

    @Override
    protected String providerName() {
        return OpenSslJnaProvider.NAME;
    }

    @Override
    protected long maxBytesPerPair() {
        return 40 * 1024;
    }
}
