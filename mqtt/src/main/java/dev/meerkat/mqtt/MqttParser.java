package dev.meerkat.mqtt;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A strict incremental MQTT packet parser: feed it bytes as they come, in any split, and it returns
 * the same packets. It keeps the bytes of an unfinished packet (at most {@link #maxPacketSize()})
 * and refuses a packet larger than that as soon as its fixed header announces it. After a
 * {@link MqttProtocolException} the connection must close; the parser refuses further bytes.
 *
 * <p>Parses both directions; a CONNECT switches it to the version the CONNECT names. This is the
 * entry point for fuzzing: {@code new MqttParser(MqttVersion.V5, 65536).feed(ByteBuffer.wrap(bytes))}.
 */
public final class MqttParser {

    /** One MiB: far above what a sensor sends, far below the protocol's 256 MiB. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 1 << 20;

    private final int maxPacketSize;
    private MqttVersion version;
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private long packets;
    private boolean failed;

    /**
     * A parser expecting {@code version} until a CONNECT names another.
     *
     * @param version the protocol version of the packets
     * @param maxPacketSize the largest packet accepted, fixed header included, in bytes
     * @throws IllegalArgumentException if {@code maxPacketSize} is below 2, the smallest packet
     */
    public MqttParser(MqttVersion version, int maxPacketSize) {
        if (maxPacketSize < 2) {
            throw new IllegalArgumentException("expected a maximum packet size of at least 2 bytes but was " + maxPacketSize);
        }
        this.version = version;
        this.maxPacketSize = maxPacketSize;
    }

    /**
     * The protocol version the next packet is parsed in.
     *
     * @return the version given, or the one the last CONNECT named
     */
    public MqttVersion version() {
        return version;
    }

    /**
     * The largest packet, fixed header included, that this parser accepts.
     *
     * @return the limit in bytes
     */
    public int maxPacketSize() {
        return maxPacketSize;
    }

    /**
     * Consumes every byte of {@code data}, keeping an unfinished packet's bytes for the next call.
     *
     * @param data the bytes that came; read to its limit
     * @return the packets it completed, in order; empty when none is complete yet
     * @throws MqttProtocolException if the bytes break MQTT's syntax or a packet exceeds
     *     {@link #maxPacketSize()}; the packets this call completed before the failing one are in
     *     {@link MqttProtocolException#packetsBefore()}
     * @throws IllegalStateException if an earlier call failed: the connection must close
     */
    public List<MqttPacket> feed(ByteBuffer data) throws MqttProtocolException {
        if (failed) {
            throw new IllegalStateException("the parser failed before; the connection must close");
        }
        append(data);
        List<MqttPacket> out = new ArrayList<>();
        try {
            MqttPacket packet;
            while ((packet = next()) != null) {
                out.add(packet);
            }
        } catch (MqttProtocolException e) {
            failed = true;
            e.packetsBefore(out);
            throw e;
        }
        pending.compact().flip();
        return out;
    }

    /** The next whole packet in {@code pending}, or null when it has not all arrived. */
    private @Nullable MqttPacket next() throws MqttProtocolException {
        int start = pending.position();
        long length = remainingLength(start);
        if (length < 0) {
            return null;
        }
        int headerSize = lengthBytes(length) + 1;
        if (headerSize + length > maxPacketSize) {
            throw new MqttProtocolException(describe(pending.get(start) & 0xFF) + ": expected at most " + maxPacketSize
                    + " bytes but the fixed header announces " + (headerSize + length));
        }
        if (pending.remaining() < headerSize + length) {
            return null;
        }
        int first = pending.get(start) & 0xFF;
        ByteBuffer body = pending.slice(start + headerSize, (int) length);
        pending.position(start + headerSize + (int) length);
        PacketReader reader = new PacketReader(describe(first), body);
        packets++;
        MqttPacket packet = PacketDecoder.decode(first, reader, version);
        if (packet instanceof MqttPacket.Connect c) {
            version = c.version();
        }
        return packet;
    }

    /** The remaining length at {@code start + 1}, or -1 when its bytes have not all arrived (section 1.5.5). */
    private long remainingLength(int start) throws MqttProtocolException {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            if (pending.limit() <= start + 1 + i) {
                return -1;
            }
            int b = pending.get(start + 1 + i) & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MqttProtocolException(describe(pending.get(start) & 0xFF) + " remaining length: expected at most"
                + " 4 bytes but the 4th has its continuation bit set");
    }

    private static int lengthBytes(long length) {
        return length < 128 ? 1 : length < 16_384 ? 2 : length < 2_097_152 ? 3 : 4;
    }

    private String describe(int first) {
        return "packet " + (packets + 1) + " (" + PacketDecoder.NAMES[first >>> 4] + ")";
    }

    private void append(ByteBuffer data) {
        if (pending.capacity() - pending.limit() < data.remaining()) {
            int needed = pending.remaining() + data.remaining();
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, Math.min(2 * pending.capacity(), maxPacketSize)));
            bigger.put(pending).flip();
            pending = bigger;
        }
        int position = pending.position();
        pending.position(pending.limit()).limit(pending.capacity());
        pending.put(data).flip().position(position);
    }
}
