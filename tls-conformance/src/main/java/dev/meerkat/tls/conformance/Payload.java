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

    /**
     * {@code size} bytes from a {@link Random} seeded with {@code seed}: the same bytes on every run.
     *
     * @param size the length in bytes
     * @param seed the random seed
     * @return the payload
     */
    public static Payload random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return new Payload(bytes);
    }

    /**
     * Given bytes as a payload.
     *
     * @param bytes the bytes, copied
     * @return the payload
     */
    public static Payload of(byte[] bytes) {
        return new Payload(bytes.clone());
    }

    /**
     * The payload's length.
     *
     * @return the length in bytes
     */
    public int length() {
        return bytes.length;
    }

    /**
     * The payload's bytes.
     *
     * @return a copy
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The digest of the whole payload.
     *
     * @return SHA-256 in lower-case hex
     */
    public String sha256() {
        return sha256Of(length());
    }

    /**
     * The digest of the first {@code count} bytes: what a truncated delivery must hash to.
     *
     * @param count how many bytes from the start, 0 to {@link #length()}
     * @return SHA-256 in lower-case hex
     */
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
