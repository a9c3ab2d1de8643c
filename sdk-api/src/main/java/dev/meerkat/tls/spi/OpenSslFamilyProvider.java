package dev.meerkat.tls.spi;

import dev.meerkat.tls.Capabilities;
import dev.meerkat.tls.Support;
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

    /**
     * A provider with the family's capabilities.
     *
     * @param name             the name users select it by
     * @param priority         its rank when no provider is named: higher wins
     * @param whenLinkageFails the start of the reason given when the binding's classes fail to link
     */
    protected OpenSslFamilyProvider(String name, int priority, String whenLinkageFails) {
        super(name, priority, CAPABILITIES, whenLinkageFails);
    }

    /** Both libraries hand each secret to a key log callback as a whole NSS line. */
    @Override
    public final Support keyLogging() {
        return Support.yes();
    }
}
