package dev.meerkat.tls.mbedtls;

import dev.meerkat.tls.conformance.NativeIdleMemorySuite;

/**
 * The shared idle-memory test on mbedtls. mbedtls_ssl_setup allocates each connection's input and
 * output record buffers (16 KiB of content each, plus headers) for its whole life: Debian's build
 * has no MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH to shrink them. Only the pages a connection touched are
 * resident: a pair measured about 42 KB (openssl-jna about 23 KB). The bound leaves room for
 * allocator and JIT noise, and fails if a connection kept its handshake state or whole buffers.
 */
class MbedTlsIdleMemoryTest extends NativeIdleMemorySuite {

    @Override
    protected String providerName() {
        return MbedTlsProvider.NAME;
    }

    @Override
    protected long maxBytesPerPair() {
        return 64 * 1024;
    }
}
