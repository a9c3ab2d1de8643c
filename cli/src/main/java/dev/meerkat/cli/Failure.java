package dev.meerkat.cli;

import dev.meerkat.CloseReason;
import dev.meerkat.http.HttpClientException;
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
 * {@code meerkat get} ends with: curl's code wherever the meaning is the same. Statuses 0 (success),
 * 1 (another failure) and 2 (usage) are {@link Main}'s.
 */
enum Failure {
    RESOLVE("resolve", 6),
    CONNECT("connect", 7),
    PROTOCOL("protocol", 8),
    /** curl's "partial file": the body stopped short of its length, or a close-delimited one without close_notify. */
    TRUNCATED("truncated", 18),
    /** An HTTP status of 400 or more under {@code -f}. */
    HTTP_ERROR("http", 22),
    WRITE("write", 23),
    READ("read", 26),
    MEMORY("memory", 27),
    TIMEOUT("timeout", 28),
    HANDSHAKE("handshake", 35),
    REDIRECTS("redirects", 47),
    /** The server closed before any response, cleanly: curl's "empty reply from server". */
    EMPTY_REPLY("empty reply", 52),
    RESET("reset", 56),
    CERTIFICATE("certificate", 60),
    TOO_LARGE("too large", 63);

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

    /** The failure behind an exchange that ended without a whole response. */
    static Failure of(HttpClientException failure) {
        if (failure.kind() == HttpClientException.Kind.TIMEOUT || has(failure, SocketTimeoutException.class)) {
            return TIMEOUT;
        }
        TlsException tls = TlsFailures.findCause(failure);
        if (tls != null) {
            return CERTIFICATE_KINDS.contains(tls.kind()) ? CERTIFICATE : HANDSHAKE;
        }
        if (has(failure, UnknownHostException.class) || has(failure, UnresolvedAddressException.class)) {
            return RESOLVE;
        }
        if (has(failure, ConnectException.class) || has(failure, NoRouteToHostException.class)) {
            return CONNECT;
        }
        return switch (failure.kind()) {
            case CONNECT -> CONNECT;
            case CLOSED -> ofClose(failure.closeReason(), failure.receivedBytes() >= 0);
            case TOO_LARGE -> TOO_LARGE;
            case MEMORY_BUDGET -> MEMORY;
            case TOO_MANY_REDIRECTS -> REDIRECTS;
            case REQUEST_BODY -> READ;
            case SINK -> WRITE;
            default -> PROTOCOL;
        };
    }

    /**
     * A close cut the exchange short: a reset is named so; after a response head it is a truncated
     * transfer, before one an empty reply.
     */
    static Failure ofClose(CloseReason reason, boolean afterHead) {
        if (reason == CloseReason.RESET) {
            return RESET;
        }
        return afterHead ? TRUNCATED : EMPTY_REPLY;
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
