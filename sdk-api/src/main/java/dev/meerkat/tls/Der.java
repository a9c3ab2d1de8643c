package dev.meerkat.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little DER (ITU-T X.690) that turning OpenSSL's traditional key formats into PKCS#8 and
 * writing a self-signed certificate need: read the elements of a SEQUENCE; write SEQUENCE, SET,
 * INTEGER, BOOLEAN, BIT STRING, OCTET STRING, OID, UTF8String and UTCTime. Not a general ASN.1
 * library: no indefinite lengths (DER forbids them), no tags above 30.
 */
final class Der {

    static final int BOOLEAN = 0x01;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0C;
    static final int UTC_TIME = 0x17;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;
    /** [0] EXPLICIT, as in SEC1's {@code parameters [0] ECParameters}. */
    static final int CONTEXT_0 = 0xA0;

    private static final DateTimeFormatter UTC_TIME_FORMAT = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    private Der() {
    }

    /** One element: its tag and its content bytes. */
    record Element(int tag, byte[] content) {

        /** The elements inside a constructed element (SEQUENCE, [0] EXPLICIT). */
        List<Element> children() throws DerException {
            return readAll(content);
        }

        /** The content of an OBJECT IDENTIFIER in dotted form, e.g. "1.2.840.10045.2.1". */
        String oid() throws DerException {
            expectTag(OID);
            return decodeOid(content);
        }

        void expectTag(int expected) throws DerException {
            if (tag != expected) {
                throw new DerException("expected tag 0x" + Integer.toHexString(expected)
                        + " but was 0x" + Integer.toHexString(tag));
            }
        }
    }

    /** The input is not the DER that was expected; the message says what was wrong. */
    static final class DerException extends Exception {
        DerException(String message) {
            super(message);
        }
    }

    /** Reads exactly one element that spans the whole input. */
    static Element readSingle(byte[] der) throws DerException {
        List<Element> all = readAll(der);
        if (all.size() != 1) {
            throw new DerException("expected one DER element but found " + all.size());
        }
        return all.get(0);
    }

    /** Reads consecutive elements until the input ends. */
    static List<Element> readAll(byte[] der) throws DerException {
        List<Element> elements = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < der.length) {
            int tag = der[pos[0]++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                throw new DerException("multi-byte tags are not supported (tag 0x" + Integer.toHexString(tag) + ")");
            }
            int length = readLength(der, pos);
            elements.add(new Element(tag, Arrays.copyOfRange(der, pos[0], pos[0] + length)));
            pos[0] += length;
        }
        return elements;
    }

    /** X.690 8.1.3 definite length at {@code pos[0]}, which it advances past the length bytes. */
    private static int readLength(byte[] der, int[] pos) throws DerException {
        if (pos[0] >= der.length) {
            throw new DerException("expected a length but the input ended");
        }
        int first = der[pos[0]++] & 0xFF;
        int length = first;
        if (first > 0x7F) {
            int count = first & 0x7F;
            if (count == 0 || count > 3 || pos[0] + count > der.length) {
                throw new DerException("expected a definite length of 1 to 3 bytes but found length byte 0x"
                        + Integer.toHexString(first));
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[pos[0]++] & 0xFF);
            }
        }
        if (length > der.length - pos[0]) {
            throw new DerException("expected " + length + " content bytes but only " + (der.length - pos[0]) + " remain");
        }
        return length;
    }

    static byte[] sequence(byte[]... encodedElements) {
        return constructed(SEQUENCE, encodedElements);
    }

    static byte[] set(byte[]... encodedElements) {
        return constructed(SET, encodedElements);
    }

    /** A constructed element (SEQUENCE, SET, [n] EXPLICIT) whose content is the elements in order. */
    static byte[] constructed(int tag, byte[]... encodedElements) {
        return encode(tag, concat(encodedElements));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] integer(BigInteger value) {
        return encode(INTEGER, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return encode(BOOLEAN, new byte[] {(byte) (value ? 0xFF : 0x00)});
    }

    /** A BIT STRING of whole bytes: the first content byte says no bits are unused. */
    static byte[] bitString(byte[] bits) {
        return encode(BIT_STRING, concat(new byte[] {0}, bits));
    }

    static byte[] utf8(String text) {
        return encode(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    /** UTCTime (RFC 5280 section 4.1.2.5.1): valid for years 1950 to 2049. */
    static byte[] utcTime(ZonedDateTime time) {
        String text = time.withZoneSameInstant(ZoneOffset.UTC).format(UTC_TIME_FORMAT);
        return encode(UTC_TIME, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A small non-negative INTEGER (a version field). */
    static byte[] smallInteger(int value) {
        if (value < 0 || value > 127) {
            throw new IllegalArgumentException("expected 0..127 but was " + value);
        }
        return encode(INTEGER, new byte[] {(byte) value});
    }

    static byte[] octetString(byte[] content) {
        return encode(OCTET_STRING, content);
    }

    static byte[] nullValue() {
        return encode(NULL, new byte[0]);
    }

    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(out, Long.parseLong(arcs[i]));
        }
        return encode(OID, out.toByteArray());
    }

    static byte[] encode(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        writeLength(out, content.length);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = 1;
        while ((value >>> (7 * groups)) != 0) {
            groups++;
        }
        for (int i = groups - 1; i >= 0; i--) {
            int sevenBits = (int) (value >>> (7 * i)) & 0x7F;
            out.write(i == 0 ? sevenBits : sevenBits | 0x80);
        }
    }

    private static String decodeOid(byte[] content) throws DerException {
        if (content.length == 0 || (content[content.length - 1] & 0x80) != 0) {
            throw new DerException("expected a complete OBJECT IDENTIFIER but its encoding is cut short");
        }
        StringBuilder dotted = new StringBuilder();
        long arc = 0;
        boolean first = true;
        for (byte b : content) {
            if (arc > (Long.MAX_VALUE >>> 7)) {
                throw new DerException("expected OBJECT IDENTIFIER arcs that fit in 63 bits but found a longer one");
            }
            arc = (arc << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                if (first) {
                    // X.690 8.19.4: the first subidentifier packs two arcs as 40 * X + Y.
                    long top = Math.min(arc / 40, 2);
                    dotted.append(top).append('.').append(arc - top * 40);
                    first = false;
                } else {
                    dotted.append('.').append(arc);
                }
                arc = 0;
            }
        }
        return dotted.toString();
    }
}
