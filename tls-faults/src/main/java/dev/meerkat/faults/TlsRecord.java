package dev.meerkat.faults;

import java.util.Arrays;

/**
 * One TLS record as it travels on the wire (RFC 8446 section 5.1, RFC 5246 section 6.2): a 5-byte
 * header (content type, legacy version, length) and its fragment. Immutable.
 */
public final class TlsRecord {

    /** The header's size in bytes: content type (1), legacy version (2), fragment length (2). */
    public static final int HEADER_LENGTH = 5;
    /** Content type change_cipher_spec; TLS 1.3 sends one only for middlebox compatibility. */
    public static final int CHANGE_CIPHER_SPEC = 20;
    /** Content type alert: a plaintext alert, or an encrypted one in TLS 1.2. */
    public static final int ALERT = 21;
    /** Content type handshake: plaintext handshake messages (in TLS 1.3 only up to the ServerHello). */
    public static final int HANDSHAKE = 22;
    /** Content type application_data: every encrypted TLS 1.3 record, whatever it carries inside. */
    public static final int APPLICATION_DATA = 23;

    /** A close_notify alert carries two plaintext bytes: level and description (RFC 8446 section 6). */
    static final int ALERT_PLAINTEXT_LENGTH = 2;

    /** An encrypted alert is never longer than this (2 bytes + nonce + tag + padding margin). */
    private static final int MAX_ALERT_RECORD_LENGTH = 64;

    private final byte[] bytes;

    TlsRecord(byte[] bytes) {
        if (bytes.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("expected at least a 5-byte header but was " + bytes.length + " bytes");
        }
        this.bytes = bytes;
    }

    /**
     * A record with {@code type} and {@code fragment}, version TLS 1.2 on the wire (as TLS 1.3 also
     * writes). The header's length field holds 16 bits; a longer fragment is not refused but its
     * length wraps, so keep it to the protocol's limits (2^14 bytes plus the cipher's overhead).
     *
     * @param type the content type, one of the constants here or any other value for a malformed
     *     record; only its low 8 bits are written
     * @param fragment the record's body, copied
     * @return the record, header included
     */
    public static TlsRecord of(int type, byte[] fragment) {
        byte[] bytes = new byte[HEADER_LENGTH + fragment.length];
        bytes[0] = (byte) type;
        bytes[1] = 3;
        bytes[2] = 3;
        bytes[3] = (byte) (fragment.length >>> 8);
        bytes[4] = (byte) fragment.length;
        System.arraycopy(fragment, 0, bytes, HEADER_LENGTH, fragment.length);
        return new TlsRecord(bytes);
    }

    /**
     * The content type from the header, such as {@link #HANDSHAKE} or {@link #APPLICATION_DATA}.
     *
     * @return the content type, 0 to 255
     */
    public int type() {
        return bytes[0] & 0xff;
    }

    /**
     * The fragment's length as the header states it; it matches the bytes held for a record read
     * from the wire.
     *
     * @return the length in bytes, 0 to 65535
     */
    public int fragmentLength() {
        return ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
    }

    /**
     * The record's size on the wire.
     *
     * @return header plus fragment, in bytes
     */
    public int size() {
        return bytes.length;
    }

    /**
     * The record as it travels on the wire.
     *
     * @return a copy of the record's bytes, header included; changing it does not change the record
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The first {@code count} bytes of the record, for a cut inside it. */
    byte[] prefix(int count) {
        if (count < 0 || count > bytes.length) {
            throw new IllegalArgumentException("expected a prefix of 0.." + bytes.length + " bytes but was " + count);
        }
        return Arrays.copyOf(bytes, count);
    }

    /**
     * True when this record can be an encrypted alert: type 21 (TLS 1.2), or a short type 23 record
     * (TLS 1.3 hides the real content type inside the encryption, RFC 8446 section 5.2). The proxy
     * cannot decrypt, so a short application data record also passes.
     *
     * @return true when the type and length fit an alert
     */
    public boolean mayBeAlert() {
        return (type() == ALERT || type() == APPLICATION_DATA) && fragmentLength() <= MAX_ALERT_RECORD_LENGTH;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsRecord r && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "record(type " + type() + ", " + fragmentLength() + " bytes)";
    }
}
