package dev.meerkat.tls.spi;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.Capabilities;

/**
 * A provider over a native library reached through a binding (tcnative, JNA): its availability
 * probe turns a missing or broken binding (a {@link LinkageError}) into a reason instead of a crash,
 * so that the provider class loads, and says why it cannot be used, without the binding or the
 * library present.
 */
public abstract class NativeBindingProvider extends BaseTlsProvider {

    private final String whenLinkageFails;

    /**
     * A provider whose availability comes from {@link #probeLibrary()}.
     *
     * @param name             the name users select it by
     * @param priority         its rank when no provider is named: higher wins
     * @param capabilities     what its backend can do
     * @param whenLinkageFails the start of the reason given when the binding's classes fail to link
     */
    protected NativeBindingProvider(String name, int priority, Capabilities capabilities, String whenLinkageFails) {
        super(name, priority, capabilities);
        this.whenLinkageFails = whenLinkageFails;
    }

    @Override
    public final Availability availability() {
        try {
            return probeLibrary();
        } catch (LinkageError e) {
            return Availability.unavailable(whenLinkageFails + ": " + e);
        }
    }

    /**
     * Loads the library if needed and says whether it works; may throw LinkageError when it is absent.
     *
     * @return the availability, with the library's version or the reason it cannot be used
     */
    protected abstract Availability probeLibrary();
}
