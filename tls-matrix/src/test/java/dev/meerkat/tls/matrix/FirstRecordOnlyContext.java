package dev.meerkat.tls.matrix;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.spi.TlsEngine;

/** A real provider's context whose engines are wrapped in {@link FirstRecordOnlyEngine}. */
final class FirstRecordOnlyContext implements TlsContext {

    private final TlsContext real;

    FirstRecordOnlyContext(TlsContext real) {
        this.real = real;
    }

    @Override
    public String providerName() {
        return real.providerName();
    }

    @Override
    public TlsConfig config() {
        return real.config();
    }

    @Override
    public TlsEngine newEngine(String peerHost, int peerPort) throws TlsException {
        return new FirstRecordOnlyEngine(real.newEngine(peerHost, peerPort));
    }

    @Override
    public void close() {
        real.close();
    }
}
