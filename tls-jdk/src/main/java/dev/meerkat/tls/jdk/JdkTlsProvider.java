package dev.meerkat.tls.jdk;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.Capabilities;
import dev.meerkat.tls.Support;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.BaseTlsProvider;
import dev.meerkat.tls.spi.PolicyEnforcement;
import java.util.EnumSet;

/**
 * Provider "jdk": the JDK's own SSLEngine (SunJSSE). Always available, so it has the lowest
 * priority: native providers are preferred when they load.
 *
 * <p>Memory of idle server connections on JDK 17: a TLS 1.3 session that SunJSSE rebuilds from one
 * of its stateless tickets (the default) parses a copy of the server's own certificate chain, which
 * the resumed connection then keeps (several KB per connection, docs/server-benchmarks.md, memory
 * section). SunJSSE offers no switch per {@code SSLContext}: it reads the property below once, when
 * an {@code SSLContext} is made, and this provider does not flip a process-wide property for its
 * users. A server holding many idle resumed connections can start its JVM with
 * {@code -Djdk.tls.server.enableSessionTicketExtension=false} ({@code meerkat serve} does so on JDK 17
 * and 18 unless told otherwise): the server then keeps sessions in its own cache instead (at most
 * {@code javax.net.ssl.sessionCacheSize}, 20,480 by default, each for up to 24 h, softly reachable),
 * and resumed connections share the chain. JDK 19 and later cache the certificates decoded from
 * tickets (JDK-8286433; Temurin 25 measured) and need neither.
 */
public final class JdkTlsProvider extends BaseTlsProvider {

    /** The name users choose this provider by: {@code TlsProviders.named("jdk")}. */
    public static final String NAME = "jdk";

    /** Below the native providers, which are faster when they load. */
    static final int PRIORITY = 10;

    private static final Capabilities CAPABILITIES =
            new Capabilities(EnumSet.allOf(TlsVersion.class), true, true, true, true);

    /** The provider {@link java.util.ServiceLoader} makes; cheap, it loads nothing. */
    public JdkTlsProvider() {
        super(NAME, PRIORITY, CAPABILITIES);
    }

    @Override
    public PolicyEnforcement policy() {
        return JdkPolicy.ENFORCEMENT;
    }

    /**
     * SunJSSE has no X25519MLKEM768 up to JDK 25 (its sun.security.ssl.NamedGroup lists no ML-KEM
     * group on Temurin 25.0.3, though SunJCE has ML-KEM); JEP 527 brings it to a later JDK.
     */
    @Override
    public Support hybridKeyExchange() {
        return Support.no("SunJSSE has no X25519MLKEM768 up to JDK 25 (JEP 527 adds it later)");
    }

    /** SSLEngine takes the user's key manager and SSLContext as they are. */
    @Override
    protected boolean takesJsse() {
        return true;
    }

    /** SunJSSE keeps its secrets inside SSLEngine: the JDK has no key log API. */
    @Override
    public Support keyLogging() {
        return Support.no("SunJSSE keeps the TLS secrets inside SSLEngine and the JDK has no key log API;"
                + " the bc provider, also pure Java, writes key logs");
    }

    @Override
    public Availability availability() {
        return Availability.available("JDK " + Runtime.version() + " SunJSSE");
    }

    @Override
    protected TlsContext openContext(TlsConfig config) throws TlsException {
        return new JdkTlsContext(config);
    }
}
