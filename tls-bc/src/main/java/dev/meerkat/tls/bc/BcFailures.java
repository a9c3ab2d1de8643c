package dev.meerkat.tls.bc;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.spi.TlsFailures;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/** Maps Bouncy Castle's failures to Meerkat's backend-neutral {@link Kind}s, and verifier kinds to alerts. */
final class BcFailures {

    private BcFailures() {
    }

    /**
     * The TlsException for a BC failure. A decision of the {@link dev.meerkat.tls.PeerVerifier}
     * travels as the cause of a TlsFatalAlert and comes back unchanged, so every provider reports
     * the same kind for the same certificate.
     */
    static TlsException toTlsException(Throwable failure, boolean handshakeComplete) {
        TlsException decided = TlsFailures.findCause(failure);
        if (decided != null) {
            return decided;
        }
        if (failure instanceof TlsFatalAlertReceived received) {
            return new TlsException(Kind.PEER_ALERT, "the peer sent a fatal "
                    + AlertDescription.getText(received.getAlertDescription()) + " alert", failure);
        }
        if (failure instanceof TlsFatalAlert alert) {
            short description = alert.getAlertDescription();
            return new TlsException(kindOf(description, handshakeComplete), "Bouncy Castle raised "
                    + AlertDescription.getText(description) + detail(alert), failure);
        }
        return new TlsException(Kind.PROTOCOL, String.valueOf(failure.getMessage()), failure);
    }

    /** The alert that tells the peer why its certificate was refused (RFC 8446 section 6.2). */
    static short alertFor(TlsException refusal, boolean tls13) {
        return switch (refusal.kind()) {
            case EXPIRED_CERTIFICATE -> AlertDescription.certificate_expired;
            case UNTRUSTED_CERTIFICATE -> AlertDescription.unknown_ca;
            case MISSING_CLIENT_CERTIFICATE -> tls13 ? AlertDescription.certificate_required
                    : AlertDescription.handshake_failure;
            default -> AlertDescription.bad_certificate;
        };
    }

    /** Alerts about malformed or undecryptable bytes are PROTOCOL; failed negotiation is HANDSHAKE. */
    private static Kind kindOf(short description, boolean handshakeComplete) {
        return switch (description) {
            case AlertDescription.decode_error, AlertDescription.bad_record_mac, AlertDescription.unexpected_message,
                 AlertDescription.record_overflow, AlertDescription.illegal_parameter,
                 AlertDescription.decompression_failure -> Kind.PROTOCOL;
            case AlertDescription.handshake_failure, AlertDescription.protocol_version,
                 AlertDescription.insufficient_security, AlertDescription.no_application_protocol,
                 AlertDescription.unsupported_extension, AlertDescription.missing_extension -> Kind.HANDSHAKE;
            default -> handshakeComplete ? Kind.PROTOCOL : Kind.HANDSHAKE;
        };
    }

    private static String detail(TlsFatalAlert alert) {
        String message = alert.getMessage();
        return message == null || message.equals(AlertDescription.getText(alert.getAlertDescription()))
                ? "" : ": " + message;
    }
}
