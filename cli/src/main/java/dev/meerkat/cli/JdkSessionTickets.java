package dev.meerkat.cli;

/**
 * What {@code meerkat serve} sets for SunJSSE because it owns its JVM, where a library must not.
 *
 * <p>On JDK 17 and 18, a TLS 1.3 session rebuilt from one of SunJSSE's stateless tickets (its default)
 * parses its own copy of the server's certificate chain, which each resumed connection then keeps
 * while it is open: several KB per idle connection (docs/server-benchmarks.md, memory section). With
 * {@value #PROPERTY} false the server keeps sessions in its own cache instead (at most
 * {@code javax.net.ssl.sessionCacheSize}, 20,480 by default, softly reachable), and resumed
 * connections share the key manager's chain. SunJSSE reads the property once per {@code SSLContext},
 * when it is made, and offers no setting per context. JDK 19 caches the certificates it decodes from
 * tickets (JDK-8286433), so there nothing is set.
 */
final class JdkSessionTickets {

    /** SunJSSE's switch for stateless server tickets. */
    static final String PROPERTY = "jdk.tls.server.enableSessionTicketExtension";
    /** The first JDK whose resumed sessions share their decoded certificates. */
    private static final int SHARES_DECODED_CERTIFICATES = 19;

    private JdkSessionTickets() {
    }

    /**
     * Turns stateless tickets off on a JDK before {@link #SHARES_DECODED_CERTIFICATES}, unless the
     * user set {@value #PROPERTY}; call before the server's TLS context is made.
     */
    static void preferServerCache(int javaFeature) {
        if (javaFeature < SHARES_DECODED_CERTIFICATES && System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "false");
        }
    }
}
