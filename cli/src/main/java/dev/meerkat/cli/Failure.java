package dev.meerkat.cli;

import dev.meerkat.CloseReason;
import dev.meerkat.http.HttpClientException;
import dev.meerkat.http.HttpResponse;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.spi.TlsFailures;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Set;

/**
 * What went wrong with a request, named the way a user looks for it, with the exit status
 * {@code meerkat get} ends with. Statuses 0 (success), 1 (another failure) and 2 (usage) are
 * {@link Main}'s.
 */
enum Failure {
    CONNECT("connect", 3),
    HANDSHAKE("handshake", 4),
    CERTIFICATE("certificate", 5),
    TRUNCATED("truncated", 6),
    RESET("reset", 7),
    TIMEOUT("timeout", 8),
    PROTOCOL("protocol", 9),
    /** An HTTP status of 400 or more under {@code -f}: curl's code. */
    HTTP_ERROR("http", 22);

    private static final Set<TlsException.Kind> CERTIFICATE_KINDS = Set.of(TlsException.Kind.UNTRUSTED_CERTIFICATE,
            TlsException.Kind.EXPIRED_CERTIFICATE, TlsException.Kind.HOSTNAME_MISMATCH);

    private final String label;
    private final int exitStatus;

    Failure(String label, int exitStatus) {
        this.label = label;
        this.exitStatus = exitStatus;
    }

    String label() {
        return label;
    }

    int exitStatus() {
        return exitStatus;
    }

    /** The failure behind an exchange that produced no response. */
    static Failure of(HttpClientException failure) {
        if (failure.kind() == HttpClientException.Kind.TIMEOUT || has(failure, SocketTimeoutException.class)) {
            return TIMEOUT;
        }
        TlsException tls = TlsFailures.findCause(failure);
        if (tls != null) {
            return CERTIFICATE_KINDS.contains(tls.kind()) ? CERTIFICATE : HANDSHAKE;
        }
        if (has(failure, ConnectException.class) || has(failure, NoRouteToHostException.class)
                || has(failure, UnknownHostException.class) || has(failure, UnresolvedAddressException.class)) {
            return CONNECT;
        }
        return switch (failure.kind()) {
            case CONNECT -> CONNECT;
            case CLOSED -> ofCloseReason(failure.closeReason());
            default -> PROTOCOL;
        };
    }

    /** The failure of a response that arrived but is not whole ({@link HttpResponse#complete()} false). */
    static Failure ofIncomplete(HttpResponse response) {
        return ofCloseReason(response.closeReason());
    }

    /** A close cut the exchange short: a reset is named so, every other ending is a truncation. */
    private static Failure ofCloseReason(CloseReason reason) {
        return reason == CloseReason.RESET ? RESET : TRUNCATED;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
