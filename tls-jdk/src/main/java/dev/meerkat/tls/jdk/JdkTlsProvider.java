package dev.meerkat.tls.jdk;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.Capabilities;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsVersion;
import java.util.EnumSet;

/**
 * Provider "jdk": the JDK's own SSLEngine (SunJSSE). Always available, so it has the lowest
 * priority: native providers are preferred when they load.
 */
public final class JdkTlsProvider implements TlsProvider {

    public static final String NAME = "jdk";

    /** Below the native providers, which are faster when they load. */
    static final int PRIORITY = 10;

    private static final Capabilities CAPABILITIES =
            new Capabilities(EnumSet.allOf(TlsVersion.class), true, true, true, true);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability availability() {
        return Availability.available("JDK " + Runtime.version() + " SunJSSE");
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public TlsContext newContext(TlsConfig config) throws TlsException {
        return new JdkTlsContext(config);
    }
}
