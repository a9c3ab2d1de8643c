package dev.meerkat.tls.jdk;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.util.List;
import javax.crypto.BadPaddingException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;

/**
 * Maps the JDK's SSLExceptions to Meerkat's backend-neutral {@link Kind}s. SunJSSE says what went
 * wrong only in its messages, so the mapping reads them; the texts are those of JDK 17's
 * sun.security.ssl, pinned by JdkTlsEngineTest and JdkTlsCertificateTest.
 */
final class SslFailures {

    /** Texts that mean the bytes were not valid TLS (RFC 8446 section 6.2: decode_error, bad_record_mac...). */
    private static final List<String> PROTOCOL_TEXTS = List.of(
            "Unsupported or unrecognized SSL message", "bad record MAC", "Tag mismatch",
            "decode_error", "Invalid TLS", "Insufficient buffer remaining", "record overflow");

    private SslFailures() {
    }

    /** The TlsException for {@code failure}; {@code server} tells which side we are. */
    static TlsException toTlsException(SSLException failure, boolean server) {
        TlsException fromVerifier = causeOfType(failure, TlsException.class);
        if (fromVerifier != null) {
            return new TlsException(fromVerifier.kind(), detailOf(fromVerifier), failure);
        }
        return new TlsException(kindOf(failure, server), String.valueOf(failure.getMessage()), failure);
    }

    private static Kind kindOf(SSLException failure, boolean server) {
        String messages = messagesOf(failure);
        if (messages.contains("Received fatal alert")) {
            return Kind.PEER_ALERT;
        }
        if (server && isEmptyClientChain(messages)) {
            return Kind.MISSING_CLIENT_CERTIFICATE;
        }
        if (causeOfType(failure, CertificateException.class) != null) {
            // The user's SSLContext's trust manager said no: ours would have thrown a TlsException.
            return causeOfType(failure, CertificateExpiredException.class) != null
                    ? Kind.EXPIRED_CERTIFICATE : Kind.UNTRUSTED_CERTIFICATE;
        }
        if (failure instanceof SSLProtocolException || causeOfType(failure, BadPaddingException.class) != null
                || PROTOCOL_TEXTS.stream().anyMatch(messages::contains)) {
            return Kind.PROTOCOL;
        }
        return failure instanceof SSLHandshakeException ? Kind.HANDSHAKE : Kind.PROTOCOL;
    }

    /**
     * A server requiring a client certificate fails with this text, in TLS 1.2 and 1.3 alike,
     * before asking the trust manager, when the client's Certificate message is empty.
     */
    private static boolean isEmptyClientChain(String messages) {
        return messages.contains("Empty client certificate chain");
    }

    private static String messagesOf(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null && all.length() < 4096; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The verifier's message without the "KIND: " prefix TlsException adds, which the new one adds again. */
    private static String detailOf(TlsException e) {
        String prefix = e.kind() + ": ";
        String message = String.valueOf(e.getMessage());
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
