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

    private final CloseReason reason;

    public ConnectionClosedException(CloseReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public CloseReason reason() {
        return reason;
    }
}
