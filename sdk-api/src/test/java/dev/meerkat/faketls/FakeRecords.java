package dev.meerkat.faketls;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The fake TLS wire format: TLS-like records (type, two version bytes, two length bytes, payload).
 * Handshake is one record of type 22 each way; application data is type 23 with every payload byte
 * XORed with {@link #XOR}; close_notify is the alert record 21 {1, 0}.
 */
public final class FakeRecords {
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION = 23;
    public static final int ALERT = 21;
    public static final int HEADER = 5;
    public static final int MAX_PAYLOAD = 16384;
    public static final byte XOR = 0x5A;
    /** First payload byte of {@link #keyUpdate()}; its answer starts with 'K'. */
    static final byte KEY_UPDATE = 'k';

    private FakeRecords() {
    }

    public static byte[] record(int type, byte[] payload) {
        ByteBuffer record = ByteBuffer.allocate(HEADER + payload.length);
        putRecord(record, type, ByteBuffer.wrap(payload), payload.length);
        return record.array();
    }

    static void putRecord(ByteBuffer out, int type, ByteBuffer payload, int length) {
        out.put((byte) type).put((byte) 3).put((byte) 3).putShort((short) length);
        for (int i = 0; i < length; i++) {
            byte b = payload.get();
            out.put(type == APPLICATION ? (byte) (b ^ XOR) : b);
        }
    }

    public static byte[] hello() {
        return record(HANDSHAKE, new byte[] {'h', 'i'});
    }

    /** A post-handshake handshake message, like a TLS 1.3 NewSessionTicket. */
    public static byte[] ticket() {
        return record(HANDSHAKE, new byte[] {'t', 'i', 'c', 'k', 'e', 't'});
    }

    /** A post-handshake message the receiver must answer, like a TLS 1.3 KeyUpdate(update_requested). */
    public static byte[] keyUpdate() {
        return record(HANDSHAKE, new byte[] {KEY_UPDATE, 'u'});
    }

    public static byte[] data(byte[] plaintext) {
        return record(APPLICATION, plaintext);
    }

    public static byte[] closeNotify() {
        return record(ALERT, new byte[] {1, 0});
    }

    /** Decodes application records of {@code wire}, ignoring the others; stops at a partial record. */
    public static byte[] plaintextOf(byte[] wire) {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        int at = 0;
        while (at + HEADER <= wire.length) {
            int length = ((wire[at + 3] & 0xff) << 8) | (wire[at + 4] & 0xff);
            if (at + HEADER + length > wire.length) {
                break;
            }
            if (wire[at] == APPLICATION) {
                for (int i = 0; i < length; i++) {
                    plain.write(wire[at + HEADER + i] ^ XOR);
                }
            }
            at += HEADER + length;
        }
        return plain.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
