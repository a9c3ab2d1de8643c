package dev.meerkat.faketls;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.spi.TlsEngine;
import java.util.ArrayList;
import java.util.List;

/** Makes {@link FakeRecordEngine}s: client engines when given a peer host, server engines otherwise. */
public final class FakeTlsContext implements TlsContext {
    private final List<FakeRecordEngine> engines = new ArrayList<>();
    private final boolean greedy;

    /** Engines that decode one record per unwrap, like SSLEngine. */
    public FakeTlsContext() {
        this(false);
    }

    /** {@code greedy}: engines that take all input at once, like OpenSSL. */
    public FakeTlsContext(boolean greedy) {
        this.greedy = greedy;
    }

    @Override
    public String providerName() {
        return "fake";
    }

    /** Not used by the core; a plain client config for completeness. */
    @Override
    public TlsConfig config() {
        return TlsConfig.client().insecureSkipVerification().build();
    }

    @Override
    public TlsEngine newEngine(String peerHost, int peerPort) {
        FakeRecordEngine engine = new FakeRecordEngine(peerHost != null, greedy);
        engines.add(engine);
        return engine;
    }

    public List<FakeRecordEngine> engines() {
        return engines;
    }

    @Override
    public void close() {
    }
}
