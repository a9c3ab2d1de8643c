package dev.meerkat.tls.spi;

import dev.meerkat.tls.PeerVerifier;
import dev.meerkat.tls.TlsException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recovers the {@link TlsException} behind a backend's own exception. JSSE wraps what a trust
 * manager throws (CertificateException, then SSLHandshakeException); BC and native callbacks wrap
 * it in their own types. Walking the cause chain finds the kind the {@link PeerVerifier} decided.
 */
public final class TlsFailures {

    private TlsFailures() {
    }

    /**
     * {@return the first {@link TlsException} in {@code failure}'s cause chain (itself included), or null}
     * A cycle in the chain ends the walk.
     *
     * @param failure a backend's exception
     */
    public static @Nullable TlsException findCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof TlsException tls) {
                return tls;
            }
        }
        return null;
    }
}
