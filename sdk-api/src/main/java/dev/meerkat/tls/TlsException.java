package dev.meerkat.tls;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A TLS failure, with a {@link Kind} that is the same on every provider for the same cause: the
 * conformance suite holds every backend to it.
 */
public class TlsException extends IOException {

    /** Backend-neutral failure categories. */
    public enum Kind {
        /** The peer's chain does not lead to a trusted root (unknown CA, bad signature). */
        UNTRUSTED_CERTIFICATE,
        /** A certificate in the peer's chain is expired or not yet valid. */
        EXPIRED_CERTIFICATE,
        /** The server's certificate does not match the host name (RFC 6125). */
        HOSTNAME_MISMATCH,
        /** The server requires a client certificate and the client sent none. */
        MISSING_CLIENT_CERTIFICATE,
        /** The peer aborted with a fatal alert (for instance it rejected our certificate). */
        PEER_ALERT,
        /** The bytes are not valid TLS: garbage, a bad record, a decryption failure. */
        PROTOCOL,
        /** The handshake failed for another reason: no common version, cipher or ALPN. */
        HANDSHAKE,
        /** The configuration cannot be used: unreadable key, bad PEM, unsupported option. */
        CONFIGURATION,
        /** The provider cannot be used here; the message says why. */
        UNAVAILABLE
    }

    /** The category of the failure. */
    private final Kind kind;

    /**
     * A failure with no underlying exception.
     *
     * @param kind    the category of the failure
     * @param message what failed; the exception's message is the kind, a colon, then this
     */
    public TlsException(Kind kind, String message) {
        this(kind, message, null);
    }

    /**
     * A failure with the exception that caused it.
     *
     * @param kind    the category of the failure
     * @param message what failed; the exception's message is the kind, a colon, then this
     * @param cause   the backend's exception, or null
     */
    public TlsException(Kind kind, String message, @Nullable Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = kind;
    }

    /** {@return the category of the failure, the same on every provider for the same cause} */
    public Kind kind() {
        return kind;
    }
}
