package dev.meerkat.tls.bc;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerProtocol;

/**
 * BC's non-blocking protocols with two additions. First, a close_notify that leaves the input open.
 * {@code TlsProtocol.close()} marks the whole connection closed, after which {@code offerInput}
 * refuses every byte, so the records the peer sent before its own close_notify (RFC 8446 section
 * 6.1, RFC 5246 section 7.2.1) could not be read. Sending the alert through BC's own
 * {@code raiseAlertWarning} keeps the record layer's state right and the input usable.
 *
 * <p>Second, giving back the output queue's array once it is drained. BC's queue only ever grows:
 * the server's first flight (about 2 KB with a certificate chain) would stay in every idle
 * connection's heap (docs/server-benchmarks.md, memory section).
 */
final class HalfClosingProtocols {

    private HalfClosingProtocols() {
    }

    /** What the engine needs beyond {@link org.bouncycastle.tls.TlsProtocol}. */
    interface HalfCloseable {
        /** Queues close_notify as the last record we send; the engine stops writing after it. */
        void sendCloseNotify() throws IOException;

        /** Drops the output queue's array when it holds no bytes; the next record allocates one again. */
        void releaseEmptyOutput();
    }

    static final class Client extends TlsClientProtocol implements HalfCloseable {
        @Override
        public void sendCloseNotify() throws IOException {
            raiseAlertWarning(AlertDescription.close_notify, "Connection closed");
        }

        @Override
        public void releaseEmptyOutput() {
            outputBuffer.getBuffer().shrink();
        }
    }

    static final class Server extends TlsServerProtocol implements HalfCloseable {
        @Override
        public void sendCloseNotify() throws IOException {
            raiseAlertWarning(AlertDescription.close_notify, "Connection closed");
        }

        @Override
        public void releaseEmptyOutput() {
            outputBuffer.getBuffer().shrink();
        }
    }
}
