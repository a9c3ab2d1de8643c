package dev.meerkat.faketls;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.spi.InputEnd;
import dev.meerkat.tls.spi.TlsEngine;
import dev.meerkat.tls.spi.TlsResult;
import dev.meerkat.tls.spi.TlsResult.Status;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A TLS engine for tests that speaks {@link FakeRecords}. Like SSLEngine it decodes exactly one
 * record per unwrap and leaves a partial record in the caller's buffer; when greedy, like OpenSSL
 * with a memory BIO, it takes all input at once, keeps partial records inside and hands plaintext
 * out over as many calls as the output room needs. A {@link FakeRecords#keyUpdate()} must be
 * answered by a wrap; until then the one-record engine, like SSLEngine in NEED_WRAP, decodes
 * nothing more.
 */
public final class FakeRecordEngine implements TlsEngine {
    private final boolean client;
    private final boolean greedy;
    private ByteBuffer held = ByteBuffer.allocate(0);
    private boolean helloSent;
    private boolean helloReceived;
    private boolean inboundDone;
    private boolean closeRequested;
    private boolean outboundDone;
    private byte[] pendingAlert;
    private boolean keyUpdateDue;
    private int closes;

    FakeRecordEngine(boolean client, boolean greedy) {
        this.client = client;
        this.greedy = greedy;
    }

    @Override
    public TlsResult unwrap(ByteBuffer in, ByteBuffer out) throws TlsException {
        if (!greedy) {
            return unwrapRecord(in, out);
        }
        int taken = in.remaining();
        ByteBuffer all = ByteBuffer.allocate(held.remaining() + taken);
        all.put(held).put(in).flip();
        held = all;
        int produced = 0;
        TlsResult step;
        do {
            step = unwrapRecord(held, out);
            produced += step.produced();
        } while (step.status() == Status.OK && step.madeProgress());
        Status status = step.status() == Status.CLOSED ? Status.CLOSED
                : taken > 0 || produced > 0 ? Status.OK : step.status();
        return TlsResult.of(status, taken, produced);
    }

    private TlsResult unwrapRecord(ByteBuffer in, ByteBuffer out) throws TlsException {
        if (inboundDone) {
            return TlsResult.of(Status.CLOSED, 0, 0);
        }
        if (keyUpdateDue && !greedy) {
            return TlsResult.of(Status.OK, 0, 0);
        }
        if (in.remaining() < FakeRecords.HEADER) {
            return TlsResult.of(Status.NEEDS_INPUT, 0, 0);
        }
        int start = in.position();
        int type = in.get(start) & 0xff;
        int length = ((in.get(start + 3) & 0xff) << 8) | (in.get(start + 4) & 0xff);
        if (type < FakeRecords.ALERT || type > FakeRecords.APPLICATION || length > FakeRecords.MAX_PAYLOAD) {
            pendingAlert = FakeRecords.record(FakeRecords.ALERT, new byte[] {2, 10});
            throw new TlsException(TlsException.Kind.PROTOCOL, "expected a record type 21-23 but was " + type);
        }
        if (in.remaining() < FakeRecords.HEADER + length) {
            return TlsResult.of(Status.NEEDS_INPUT, 0, 0);
        }
        if (type == FakeRecords.APPLICATION && out.remaining() < length) {
            return TlsResult.of(Status.NEEDS_OUTPUT_ROOM, 0, 0);
        }
        in.position(start + FakeRecords.HEADER);
        return consume(type, length, in, out);
    }

    private TlsResult consume(int type, int length, ByteBuffer in, ByteBuffer out) throws TlsException {
        int consumed = FakeRecords.HEADER + length;
        switch (type) {
            case FakeRecords.HANDSHAKE -> {
                // After close_notify an engine sends nothing more, not even a KeyUpdate answer.
                keyUpdateDue |= helloReceived && !outboundDone && length > 0
                        && in.get(in.position()) == FakeRecords.KEY_UPDATE;
                in.position(in.position() + length);
                helloReceived = true; // a second one is a "ticket": no plaintext, no new handshake
                return TlsResult.of(Status.OK, consumed, 0);
            }
            case FakeRecords.APPLICATION -> {
                if (!isHandshakeComplete()) {
                    throw new TlsException(TlsException.Kind.PROTOCOL, "expected a handshake record but was data");
                }
                for (int i = 0; i < length; i++) {
                    out.put((byte) (in.get() ^ FakeRecords.XOR));
                }
                return TlsResult.of(Status.OK, consumed, length);
            }
            default -> {
                if (length < 2) {
                    throw new TlsException(TlsException.Kind.PROTOCOL,
                            "expected an alert of 2 bytes (level, description) but was " + length);
                }
                byte level = in.get();
                byte description = in.get();
                in.position(in.position() + length - 2);
                if (level == 1 && description == 0) {
                    inboundDone = true;
                    return TlsResult.of(Status.CLOSED, consumed, 0);
                }
                throw new TlsException(TlsException.Kind.PEER_ALERT, "peer sent alert " + description);
            }
        }
    }

    @Override
    public TlsResult wrap(ByteBuffer in, ByteBuffer out) {
        if (out.remaining() < FakeRecords.HEADER + 2) {
            return TlsResult.of(Status.NEEDS_OUTPUT_ROOM, 0, 0);
        }
        if (pendingAlert != null) {
            out.put(pendingAlert);
            int produced = pendingAlert.length;
            pendingAlert = null;
            return TlsResult.of(Status.OK, 0, produced);
        }
        if (keyUpdateDue) {
            byte[] answer = FakeRecords.record(FakeRecords.HANDSHAKE, new byte[] {'K', 'u'});
            out.put(answer);
            keyUpdateDue = false;
            return TlsResult.of(Status.OK, 0, answer.length);
        }
        if (helloDue()) {
            byte[] hello = FakeRecords.hello();
            out.put(hello);
            helloSent = true;
            return TlsResult.of(Status.OK, 0, hello.length);
        }
        if (closeRequested && !outboundDone) {
            byte[] close = FakeRecords.closeNotify();
            out.put(close);
            outboundDone = true;
            return TlsResult.of(Status.CLOSED, 0, close.length);
        }
        if (!isHandshakeComplete() || outboundDone || !in.hasRemaining()) {
            return TlsResult.of(outboundDone ? Status.CLOSED : Status.OK, 0, 0);
        }
        int length = Math.min(Math.min(in.remaining(), FakeRecords.MAX_PAYLOAD), out.remaining() - FakeRecords.HEADER);
        FakeRecords.putRecord(out, FakeRecords.APPLICATION, in, length);
        return TlsResult.of(Status.OK, length, FakeRecords.HEADER + length);
    }

    private boolean helloDue() {
        return !helloSent && (client || helloReceived);
    }

    @Override
    public boolean wantsWrap() {
        return pendingAlert != null || keyUpdateDue || helloDue() || (closeRequested && !outboundDone);
    }

    @Override
    public boolean isHandshakeComplete() {
        return helloSent && helloReceived;
    }

    @Override
    public boolean isInboundDone() {
        return inboundDone;
    }

    @Override
    public void closeOutbound() {
        closeRequested = true;
    }

    @Override
    public boolean isOutboundDone() {
        return outboundDone;
    }

    @Override
    public int plaintextRoom() {
        return FakeRecords.MAX_PAYLOAD;
    }

    @Override
    public InputEnd inputEnded(ByteBuffer leftover) {
        if (inboundDone) {
            return InputEnd.CLOSE_NOTIFY;
        }
        return leftover.hasRemaining() || held.hasRemaining() ? InputEnd.INSIDE_RECORD : InputEnd.BETWEEN_RECORDS;
    }

    @Override
    public TlsSession session() {
        return isHandshakeComplete() ? new TlsSession("fake", "TLSv1.3", "TLS_FAKE_XOR", null, List.of(), false) : null;
    }

    @Override
    public void close() {
        closes++;
    }

    public int closes() {
        return closes;
    }
}
