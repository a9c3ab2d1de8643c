package dev.meerkat.tls.spi;

import dev.meerkat.tls.Capabilities;
import dev.meerkat.tls.TlsVersion;
import java.util.EnumSet;

/**
 * What the two OpenSSL-family providers share: the same capabilities (both libraries speak TLS 1.2
 * and 1.3 with ALPN and resumption), and the availability probe of a {@link NativeBindingProvider},
 * so that this class and its subclasses load without tcnative, JNA or OpenSSL present.
 */
public abstract class OpenSslFamilyProvider extends NativeBindingProvider {

    private static final Capabilities CAPABILITIES = new Capabilities(
            EnumSet.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3), true, true, true, true);

    /** @param whenLinkageFails the start of the reason given when the binding's classes fail to link */
    protected OpenSslFamilyProvider(String name, int priority, String whenLinkageFails) {
        super(name, priority, CAPABILITIES, whenLinkageFails);
    }
}
