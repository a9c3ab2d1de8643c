package dev.meerkat.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.spi.TlsEngine;
import dev.meerkat.tls.spi.TlsResult;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The one TLS connection layer: drives any {@link TlsEngine} between the socket and the plaintext
 * queues. Engines differ in how much they take per call, so every loop here runs "until no
 * progress": the JDK and BCJSSE consume one record per unwrap, OpenSSL-family engines take all input
 * at once and hand plaintext out over several calls (see docs/ARCHITECTURE.md, "The drain invariant";
 * Mongoose issues 2603 and 2668 lost every record after the first of a segment).
 *
 * <p>Ciphertext read from the socket stays in our own buffer until the engine consumed it, so at end
 * of input {@link #classifyEnd} can hand the leftover bytes of a partial record to the engine.
 *
 * <p>The plaintext sent is the queued bytes, then the file regions ({@link FileRegions}): each
 * region is read a batch at a time into a pooled direct buffer and encrypted from there.
 */
final class TlsLayer implements Transport {
    private static final System.Logger LOG = System.getLogger(TlsLayer.class.getName());
    /** Content type, version and length (RFC 8446 section 5.1). */
    private static final int RECORD_HEADER = 5;
    /** The largest TLS record: 5-byte header plus 2^14 + 2048 bytes (RFC 5246 section 6.2.3). */
    static final int MAX_RECORD = RECORD_HEADER + 16384 + 2048;
    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0);
    /** The room one wrap asks of the ciphertext queue: a whole record and an engine's slack. */
    private static final int WRAP_ROOM = MAX_RECORD + 1024;
    /**
     * Application data is encoded ahead of the socket in batches of one pooled buffer of this size
     * (three 16 KiB records), written with one call: a queue that grew past the pool's largest size
     * allocated a fresh 64 or 128 KiB array each time it drained (docs/server-benchmarks.md, bulk).
     */
    private static final int BATCH = ByteQueue.WRITE_CHUNK;
    /** Plaintext of more than one record: worth a batch buffer. */
    private static final int RECORD_PLAINTEXT = 16384;
    /** A file region is read in pieces that encrypt into one batch: three whole records. */
    private static final int BATCH_PLAINTEXT = 3 * RECORD_PLAINTEXT;
    private static final int MAX_ROOM_RETRIES = 4;

    private final TlsEngine engine;
    private final ByteQueue received;
    private final ByteQueue queued;
    private final FileRegions regions;
    private final ByteQueue cipherIn;
    private final ByteQueue cipherOut;
    private final BufferAccount account;
    private final int receiveLimit;
    private final Consumer<TlsSession> onHandshake;
    private final RecordLimit recordLimit = new RecordLimit();
    /** Ciphertext bytes read so far, and how many of them {@link #recordLimit} has seen. */
    private long arrived;
    private long checked;
    private boolean handshakeReported;
    private boolean engineMayHoldInput;
    private boolean closeOutboundRequested;

    TlsLayer(TlsEngine engine, ByteQueue received, ByteQueue queued, FileRegions regions, BufferAccount account,
             int receiveLimit, Consumer<TlsSession> onHandshake) {
        this.engine = engine;
        this.received = received;
        this.queued = queued;
        this.regions = regions;
        this.cipherIn = new ByteQueue(account);
        this.cipherOut = new ByteQueue(account, true);
        this.account = account;
        this.receiveLimit = receiveLimit;
        this.onHandshake = onHandshake;
    }

    TlsSession session() {
        return handshakeReported ? engine.session() : null;
    }

    /**
     * Ciphertext may be read while the plaintext is under the receive limit; at least one whole
     * record must fit, or a tiny limit would stall the engine forever. While the shared memory budget
     * is exhausted, a connection that holds nothing but part of a record may read up to that record's end.
     * Plaintext queued before the handshake does not count: it drains only once the peer's handshake
     * is read, so counting it would stall the connection for good.
     */
    @Override
    public int readBudget() {
        if (received.size() >= receiveLimit || engine.isInboundDone()) {
            return 0;
        }
        int room = Math.max(0, Math.max(receiveLimit, MAX_RECORD) - cipherIn.size());
        boolean drainableQueue = hasPlaintext() && engine.isHandshakeComplete();
        boolean holdsBytes = !received.isEmpty() || drainableQueue || !cipherOut.isEmpty();
        return account.readAllowance(room, holdsBytes, MAX_RECORD - cipherIn.size());
    }

    @Override
    public int read(SocketChannel channel, int budget, ByteBuffer scratch) throws IOException {
        int count = cipherIn.readFrom(channel, budget, scratch);
        arrived += Math.max(0, count);
        return count;
    }

    @Override
    public boolean decode() throws TlsException {
        checkRecordLengths();
        boolean moved = false;
        int roomRetries = 0;
        while (canUnwrap()) {
            TlsResult result = unwrapOnce(roomRetries);
            // Handshake replies must go out before the engine can take the next flight (JDK NEED_WRAP).
            boolean wrapped = engine.wantsWrap() && encode(false);
            reportHandshake();
            if (result.status() == TlsResult.Status.CLOSED) {
                LOG.log(Level.DEBUG, "peer sent close_notify");
                return true;
            }
            if (result.status() == TlsResult.Status.NEEDS_OUTPUT_ROOM && !result.madeProgress()) {
                if (++roomRetries > MAX_ROOM_RETRIES) {
                    throw new TlsException(TlsException.Kind.PROTOCOL, "expected the engine to decrypt into "
                            + (engine.plaintextRoom() << MAX_ROOM_RETRIES) + " free bytes but it asked for more");
                }
                continue;
            }
            if (!result.madeProgress() && !wrapped) {
                break;
            }
            moved = true;
        }
        return moved;
    }

    /**
     * Refuses a record over the policy's limits from its header, before the engine sees any of it.
     * Before the handshake completed no key protects our alert, so record_overflow goes out as a
     * plaintext record. After it only the engine can encrypt an alert: see {@link #engineRefuses}.
     */
    private void checkRecordLengths() throws TlsException {
        int unchecked = (int) (arrived - checked);
        if (unchecked == 0) {
            return;
        }
        checked = arrived;
        ByteBuffer ciphertext = cipherIn.readable();
        try {
            recordLimit.check(ciphertext.position(ciphertext.limit() - unchecked));
        } catch (TlsException overflow) {
            cipherIn.release();
            if (!handshakeReported) {
                cipherOut.append(ByteBuffer.wrap(RecordLimit.PLAINTEXT_RECORD_OVERFLOW));
            } else if (!engineRefuses(overflow)) {
                closeOutboundRequested = true;
            }
            throw overflow;
        }
    }

    /**
     * Shows the engine, instead of the peer's record, a header claiming the largest length there is:
     * every engine checks a record's length before it decrypts, so it fails from the header alone
     * and queues its own encrypted fatal alert (record_overflow; SunJSSE, which has none, says
     * unexpected_message), which {@code wantsWrap} then sends. The peer's own header could be within
     * an engine's looser limit (RFC 5246's 2^14 + 2048), which then decrypts and says bad_record_mac.
     * True when the engine failed; an engine that waits for the body instead ends with close_notify.
     */
    private boolean engineRefuses(TlsException overflow) {
        try {
            engine.unwrap(ByteBuffer.wrap(RecordLimit.LARGEST_HEADER.clone()), ByteBuffer.allocate(engine.plaintextRoom()));
            return false;
        } catch (TlsException refused) {
            overflow.addSuppressed(refused);
            return true;
        }
    }

    private boolean canUnwrap() {
        return !engine.isInboundDone() && received.size() < receiveLimit
                && (!cipherIn.isEmpty() || engineMayHoldInput);
    }

    private TlsResult unwrapOnce(int roomRetries) throws TlsException {
        ByteBuffer in = cipherIn.readable();
        ByteBuffer out = received.fillable(engine.plaintextRoom() << roomRetries);
        int before = out.position();
        try {
            TlsResult result = engine.unwrap(in, out);
            // An engine that buffers input inside itself may still hold plaintext after producing some.
            engineMayHoldInput = out.position() > before;
            return result;
        } finally {
            cipherIn.consumed(in);
            received.releaseIfEmpty();
        }
    }

    private void reportHandshake() {
        if (!handshakeReported && engine.isHandshakeComplete()) {
            // Once: TLS 1.3 tickets after the handshake complete it "again" on some engines.
            handshakeReported = true;
            onHandshake.accept(engine.session());
        }
    }

    @Override
    public int write(SocketChannel channel) throws IOException {
        int total = 0;
        while (true) {
            readAhead();
            encode(true);
            int written;
            try {
                written = cipherOut.writeTo(channel);
            } catch (IOException e) {
                // The socket takes nothing after a failed write: the ciphertext would only be held.
                cipherOut.release();
                throw e;
            }
            total += written;
            // A region refills the plaintext as fast as a quick reader drains the socket: bounded,
            // as sendfile is, so that the loop's other connections keep turning.
            if (written == 0 || !cipherOut.isEmpty() || total >= FileRegions.MAX_TRANSFER) {
                return total;
            }
        }
    }

    /**
     * Reads a file region's next batch once the queued bytes before it went and a batch fits the
     * ciphertext queue, so the file is read no faster than the socket takes it (backpressure).
     */
    private void readAhead() throws IOException {
        if (queued.isEmpty() && !regions.isEmpty() && sendsData() && roomForData()) {
            regions.readAhead(BATCH_PLAINTEXT);
        }
    }

    /**
     * Wraps handshake bytes, alerts, application data (when allowed) and close_notify into cipherOut.
     * Only application data waits for the socket ({@link #BATCH}): a handshake reply (a TLS 1.3
     * KeyUpdate answer) held back behind an upload the peer does not read would stop the decoding of
     * everything the peer sends after it (issue 8, case A).
     */
    private boolean encode(boolean withData) throws TlsException {
        boolean produced = false;
        while (true) {
            boolean data = withData && roomForData() && canWrapData();
            if (!data && closeOutboundRequested && !hasPlaintext() && !engine.isOutboundDone()) {
                engine.closeOutbound();
            }
            if (!data && !engine.wantsWrap()) {
                break;
            }
            if (!wrapOnce(data ? plaintext() : null)) {
                break;
            }
            produced = true;
        }
        reportHandshake();
        return produced;
    }

    /**
     * Application data goes out after the handshake and never after the peer's close_notify: some
     * engines could still send then (JDK TLS 1.3), others cannot; Meerkat has no half-close.
     */
    private boolean sendsData() {
        return engine.isHandshakeComplete() && !engine.isInboundDone();
    }

    /** Plaintext ready to wrap now (a region's file part counts once read). */
    private boolean canWrapData() {
        return sendsData() && !plaintext().isEmpty();
    }

    /** Plaintext waits: queued bytes, or a region (read or not) and the bytes after it. */
    private boolean hasPlaintext() {
        return !queued.isEmpty() || !regions.isEmpty();
    }

    /** The queue to encrypt from next: the queued bytes, then the regions' in order. */
    private ByteQueue plaintext() {
        return queued.isEmpty() && !regions.isEmpty() ? regions.plaintext() : queued;
    }

    /**
     * The ciphertext queue has room for one more record of application data within its batch, in its
     * buffer as it is: behind a partly written batch it would double to 128 KiB, past the pool.
     */
    private boolean roomForData() {
        return cipherOut.size() + WRAP_ROOM <= BATCH && cipherOut.fits(WRAP_ROOM);
    }

    /** One wrap of {@code source}'s plaintext, or of none (handshake, alert, close_notify) when null. */
    private boolean wrapOnce(ByteQueue source) throws TlsException {
        ByteBuffer in = source == null ? NO_DATA : source.readable();
        boolean batch = cipherOut.isEmpty() && in.remaining() > RECORD_PLAINTEXT;
        ByteBuffer out = cipherOut.fillable(batch ? BATCH : WRAP_ROOM);
        try {
            return engine.wrap(in, out).madeProgress();
        } finally {
            if (source != null) {
                source.consumed(in);
                regions.dropEncrypted();
            }
            cipherOut.releaseIfEmpty();
        }
    }

    @Override
    public boolean hasWritableOutput() {
        return !cipherOut.isEmpty() || engine.wantsWrap()
                || (sendsData() && hasPlaintext())
                || (closeOutboundRequested && !hasPlaintext() && !engine.isOutboundDone());
    }

    @Override
    public int pendingOutput() {
        return cipherOut.size();
    }

    @Override
    public boolean outputDone() {
        return !hasPlaintext() && cipherOut.isEmpty() && !engine.wantsWrap()
                && (!closeOutboundRequested || engine.isOutboundDone());
    }

    @Override
    public boolean isEstablished() {
        return handshakeReported;
    }

    @Override
    public boolean peerClosed() {
        return engine.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        closeOutboundRequested = true;
    }

    @Override
    public void discardQueued() {
        queued.release();
        regions.release();
    }

    /**
     * Only the bytes after the last whole record can be a record cut by the end of input; whole
     * records the engine did not decode are never a partial record (issue 8, case A).
     */
    @Override
    public CloseReason classifyEnd() {
        if (engine.isInboundDone()) {
            return CloseReason.CLEAN;
        }
        return switch (engine.inputEnded(afterWholeRecords(cipherIn.readable()))) {
            case CLOSE_NOTIFY -> CloseReason.CLEAN;
            case BETWEEN_RECORDS -> CloseReason.TRUNCATED_NO_CLOSE_NOTIFY;
            case INSIDE_RECORD -> CloseReason.TRUNCATED_PARTIAL_RECORD;
        };
    }

    private static ByteBuffer afterWholeRecords(ByteBuffer ciphertext) {
        int at = ciphertext.position();
        while (ciphertext.limit() - at >= RECORD_HEADER) {
            int length = ((ciphertext.get(at + 3) & 0xff) << 8) | (ciphertext.get(at + 4) & 0xff);
            if (ciphertext.limit() - at < RECORD_HEADER + length) {
                break;
            }
            at += RECORD_HEADER + length;
        }
        return ciphertext.position(at);
    }

    @Override
    public void release() {
        engine.close();
        received.release();
        queued.release();
        regions.release();
        cipherIn.release();
        cipherOut.release();
    }
}
