package dev.meerkat.tls.bc;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerProtocol;

/**
 * BC's non-blocking protocols with one addition: a close_notify that leaves the input open.
 * {@code TlsProtocol.close()} marks the whole connection closed, after which {@code offerInput}
 * refuses every byte, so the records the peer sent before its own close_notify (RFC 8446 section
 * 6.1, RFC 5246 section 7.2.1) could not be read. Sending the alert through BC's own
 * {@code raiseAlertWarning} keeps the record layer's state right and the input usable.
 */
final class HalfClosingProtocols {

    private HalfClosingProtocols() {
    }

    /** Queues close_notify as the last record we send; the engine stops writing after it. */
    interface HalfCloseable {
        void sendCloseNotify() throws IOException;
    }

    static final class Client extends TlsClientProtocol implements HalfCloseable {
        @Override
        public void sendCloseNotify() throws IOException {
            raiseAlertWarning(AlertDescription.close_notify, "Connection closed");
        }
    }

    static final class Server extends TlsServerProtocol implements HalfCloseable {
        @Override
        public void sendCloseNotify() throws IOException {
            raiseAlertWarning(AlertDescription.close_notify, "Connection closed");
        }
    }
}
