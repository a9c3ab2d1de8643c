package dev.meerkat.tls.conformance;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Deterministic pseudo-random bytes and their SHA-256, so that every run and provider sends the same. */
public final class Payload {

    private final byte[] bytes;

    private Payload(byte[] bytes) {
        this.bytes = bytes;
    }

    /** {@code size} bytes from a {@link Random} seeded with {@code seed}. */
    public static Payload random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return new Payload(bytes);
    }

    public static Payload of(byte[] bytes) {
        return new Payload(bytes.clone());
    }

    public int length() {
        return bytes.length;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** SHA-256 (hex) of the whole payload. */
    public String sha256() {
        return sha256Of(length());
    }

    /** SHA-256 (hex) of the first {@code count} bytes: what a truncated delivery must hash to. */
    public String sha256Of(int count) {
        MessageDigest digest = newDigest();
        digest.update(bytes, 0, count);
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
