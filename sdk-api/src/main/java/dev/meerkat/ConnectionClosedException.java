package dev.meerkat;

import java.io.IOException;

/**
 * A blocking read or write met the end of a connection that did not end cleanly, or a write met
 * any end: {@link #reason()} says how it ended ({@link CloseReason#TRUNCATED_NO_CLOSE_NOTIFY} when a
 * TLS peer closed without close_notify, {@link CloseReason#RESET}, {@link CloseReason#ERROR} with
 * the failure as the cause...). A read throws it only after every byte that arrived was read.
 */
public class ConnectionClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** How the connection ended. */
    private final CloseReason reason;

    /**
     * An exception for a connection that ended with {@code reason}.
     *
     * @param reason  how the connection ended
     * @param message what the read or write was doing, and on which connection
     * @param cause   the failure that ended the connection, or null when none did
     */
    public ConnectionClosedException(CloseReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** {@return how the connection ended} */
    public CloseReason reason() {
        return reason;
    }
}
