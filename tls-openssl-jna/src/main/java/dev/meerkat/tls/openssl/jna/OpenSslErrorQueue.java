package dev.meerkat.tls.openssl.jna;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OpenSSL's per-thread error queue as {@link TlsException}s with the kinds every provider uses.
 * Engines clear the queue before each call (ERR_clear_error) so that one connection's errors never
 * show up in another's.
 */
final class OpenSslErrorQueue {

    /** sslerr.h: SSL_R_* reasons ("sslv3 alert ...", "tlsv1 alert ...") are 1000 + the alert code. */
    private static final int ALERT_REASON_OFFSET = 1000;
    private static final int ALERT_REASON_END = ALERT_REASON_OFFSET + 256;

    static final int SSL_R_CERTIFICATE_VERIFY_FAILED = 134;
    static final int SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE = 199;
    static final int SSL_R_UNEXPECTED_EOF_WHILE_READING = 294;

    /** Reasons that mean the two sides could not agree, as opposed to bytes that are not valid TLS. */
    private static final Set<Integer> HANDSHAKE_REASONS = Set.of(
            101 /* NO_SUITABLE_KEY_SHARE */, 118 /* NO_SUITABLE_SIGNATURE_ALGORITHM */,
            166 /* VERSION_TOO_HIGH */, 179 /* NO_CERTIFICATE_SET */, 181 /* NO_CIPHERS_AVAILABLE */,
            191 /* NO_PROTOCOLS_AVAILABLE */, 193 /* NO_SHARED_CIPHER */, 229 /* SSL_HANDSHAKE_FAILURE */,
            235 /* NO_APPLICATION_PROTOCOL */, 258 /* UNSUPPORTED_PROTOCOL */, 295 /* NO_SUITABLE_GROUPS */,
            376 /* NO_SHARED_SIGNATURE_ALGORITHMS */, 396 /* VERSION_TOO_LOW */, 410 /* NO_SHARED_GROUPS */);

    private static final int MAX_ENTRIES = 16;

    /** One packed error code (lib << 23 | reason) and OpenSSL's text for it. */
    record Entry(long code, String text) {
        int library() {
            return (code & LibCrypto.ERR_SYSTEM_FLAG) != 0 ? 0
                    : (int) (code >>> LibCrypto.ERR_LIB_OFFSET) & LibCrypto.ERR_LIB_MASK;
        }

        int reason() {
            return (code & LibCrypto.ERR_SYSTEM_FLAG) != 0 ? 0 : (int) (code & LibCrypto.ERR_REASON_MASK);
        }

        boolean isSsl(int sslReason) {
            return library() == LibCrypto.ERR_LIB_SSL && reason() == sslReason;
        }
    }

    private OpenSslErrorQueue() {
    }

    static void clear() {
        LibCrypto.ERR_clear_error();
    }

    /** Takes every entry off this thread's queue, oldest first. */
    static List<Entry> drain() {
        List<Entry> entries = new ArrayList<>();
        for (long code = LibCrypto.ERR_get_error(); code != 0; code = LibCrypto.ERR_get_error()) {
            if (entries.size() < MAX_ENTRIES) {
                entries.add(new Entry(code, text(code)));
            }
        }
        return entries;
    }

    /** The queue as one line, emptied; for configuration errors. */
    static String drainText() {
        return describe(drain());
    }

    static String describe(List<Entry> entries) {
        return entries.isEmpty() ? "(OpenSSL gave no reason)"
                : entries.stream().map(Entry::text).collect(Collectors.joining("; "));
    }

    /**
     * The failure behind an SSL_get_error code of SSL_ERROR_SSL or SSL_ERROR_SYSCALL, classified by
     * the first libssl reason in {@code entries}: a received alert is PEER_ALERT, a failed
     * negotiation HANDSHAKE, anything else (bad record, wrong version number, decryption) PROTOCOL.
     */
    static TlsException classify(List<Entry> entries, int sslError, String role) {
        String detail = entries.isEmpty() ? "SSL_get_error " + sslError + " with no reason queued" : describe(entries);
        Entry first = entries.stream().filter(e -> e.library() == LibCrypto.ERR_LIB_SSL).findFirst()
                .orElse(entries.isEmpty() ? null : entries.get(0));
        int reason = first == null || first.library() != LibCrypto.ERR_LIB_SSL ? -1 : first.reason();
        if (reason >= ALERT_REASON_OFFSET && reason < ALERT_REASON_END) {
            return new TlsException(Kind.PEER_ALERT, role + " received a fatal alert from its peer: " + detail);
        }
        if (reason == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE) {
            return new TlsException(Kind.MISSING_CLIENT_CERTIFICATE,
                    "expected a client certificate (client authentication is required) but the client sent none");
        }
        if (reason == SSL_R_CERTIFICATE_VERIFY_FAILED) {
            return new TlsException(Kind.UNTRUSTED_CERTIFICATE, role + " rejected the peer's certificate: " + detail);
        }
        if (HANDSHAKE_REASONS.contains(reason)) {
            return new TlsException(Kind.HANDSHAKE, role + " handshake failed: " + detail);
        }
        return new TlsException(Kind.PROTOCOL, role + " read bytes that are not valid TLS: " + detail);
    }

    private static String text(long code) {
        byte[] buffer = new byte[256];
        LibCrypto.ERR_error_string_n(code, buffer, buffer.length);
        int length = 0;
        while (length < buffer.length && buffer[length] != 0) {
            length++;
        }
        return new String(buffer, 0, length, StandardCharsets.US_ASCII);
    }
}
