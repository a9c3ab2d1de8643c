package dev.meerkat.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** The Sec-WebSocket-Key / Sec-WebSocket-Accept pair of the opening handshake (RFC 6455 §1.3, §4.2.2). */
final class AcceptKey {

    /** Appended to the client's key before hashing; fixed by the RFC. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AcceptKey() {
    }

    /** base64(SHA-1(key + GUID)). */
    static String of(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("expected every JDK to provide SHA-1 but this one does not", e);
        }
    }

    /** A client key: 16 random bytes, base64-encoded (§4.1). */
    static String newKey() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** True when {@code key} is base64 of exactly 16 bytes (§4.2.1 item 5). */
    static boolean isValid(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
