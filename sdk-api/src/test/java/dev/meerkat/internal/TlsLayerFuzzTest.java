package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meerkat.faketls.FakeEnding;
import dev.meerkat.faketls.FakeRecords;
import dev.meerkat.faketls.FakeTlsContext;
import dev.meerkat.tls.TlsException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;

/**
 * Fuzz target for the {@link TlsLayer} (Jazzer; CONTRIBUTING.md says how to fuzz one), driven by
 * hand over a {@link ScriptedChannel} with the fake record engine, one-record or greedy. The fuzzer
 * chooses the peer's records (data, tickets, KeyUpdates, optionally raw bytes), how the socket
 * cuts them, how it ends, the receive limit, the memory budget, how much the handler takes per step,
 * how much the socket takes per write and when the application closes. Whatever it chooses: the
 * loop ends; a well-formed stream delivers exactly the peer's plaintext and ends with the reason
 * its ending deserves; raw bytes only ever fail with a TLS error and deliver a prefix; nothing is
 * read while the handler is at the receive limit; every byte read came from the socket; only our
 * plaintext goes out, close_notify last; and every buffer is returned.
 */
class TlsLayerFuzzTest {

    private static final int MAX_STEPS = 1_000_000;
    private static final Set<TlsException.Kind> PEER_ERRORS = Set.of(TlsException.Kind.PROTOCOL,
            TlsException.Kind.PEER_ALERT);

    /** One run's settings and the peer's stream, all chosen by the fuzzer. */
    private static final class Run {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final ByteArrayOutputStream peerPlaintext = new ByteArrayOutputStream();
        final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        boolean hostile;
        FakeEnding ending;
    }

    @FuzzTest(maxDuration = "25s")
    void tlsLayer(FuzzedDataProvider data) throws Exception {
        boolean greedy = data.consumeBoolean();
        int receiveLimit = data.consumeInt(1, 40_000);
        long budget = data.consumeBoolean() ? Long.MAX_VALUE : data.consumeInt(1, 100_000);
        int takePerStep = 1 << data.consumeInt(0, 16); // log-uniform: 1-byte steps are slow, so rarer
        int closeAtStep = data.consumeInt(0, 200);
        ScriptedChannel channel = new ScriptedChannel(1 << data.consumeInt(0, 16));
        byte[] upload = new byte[data.consumeInt(0, 20_000)];
        Arrays.fill(upload, (byte) 'u');
        Run run = peerStream(data);
        cut(data, run.wire.toByteArray(), channel);

        BufferAccount account = new BufferAccount(new SharedBudget(budget));
        ByteQueue received = new ByteQueue(account);
        ByteQueue queued = new ByteQueue(account);
        FakeTlsContext engines = new FakeTlsContext(greedy);
        TlsLayer layer = new TlsLayer(engines.newEngine("peer", 443), received, queued, new FileRegions(account),
                account, receiveLimit, session -> { });
        queued.append(ByteBuffer.wrap(upload));

        TlsException failure = drive(layer, channel, received, run, receiveLimit, takePerStep, closeAtStep);

        assertPlaintextIn(run, failure);
        if (failure == null && !run.hostile) {
            assertThat(layer.classifyEnd()).as("close reason of %s", run.ending).isEqualTo(run.ending.reason());
        }
        assertOutgoing(channel.written(), upload, engines.engines().get(0).isOutboundDone() && layer.pendingOutput() == 0);
        assertThat(channel.bytesRead()).as("ciphertext read").isLessThanOrEqualTo(run.wire.size());
        layer.release();
        assertThat(account.bytes()).as("buffer bytes held after release").isZero();
    }

    /** Steps as the loop does until the input ended and nothing moves; returns the TLS failure, if any. */
    private static TlsException drive(TlsLayer layer, ScriptedChannel channel, ByteQueue received, Run run,
                                      int receiveLimit, int takePerStep, int closeAtStep) throws Exception {
        ByteBuffer scratch = ByteBuffer.allocate(ByteQueue.READ_CHUNK);
        layer.write(channel); // a client's hello goes out at connect, before the peer can answer it
        boolean ended = false;
        for (int step = 0; step < MAX_STEPS; step++) {
            int budget = layer.readBudget();
            if (received.size() >= receiveLimit) {
                assertThat(budget).as("read budget at the receive limit").isZero();
            }
            int read = budget > 0 && !ended ? layer.read(channel, budget, scratch) : 0;
            ended |= read < 0;
            boolean moved = read > 0;
            try {
                moved |= layer.decode();
            } catch (TlsException e) {
                assertThat(run.hostile).as("a well-formed stream failed: %s", e.getMessage()).isTrue();
                assertThat(PEER_ERRORS).as("kind of %s", e.getMessage()).contains(e.kind());
                return e;
            }
            moved |= take(received, run.delivered, takePerStep);
            if (step == closeAtStep) {
                layer.closeOutbound();
            }
            moved |= layer.hasWritableOutput() && layer.write(channel) > 0;
            if ((ended || layer.peerClosed()) && !moved) {
                return null;
            }
            assertThat(moved || ended).as("progress at step %d: read, decoded, taken or written (read budget %d,"
                    + " %d bytes received, %d to write, established %s)", step, layer.readBudget(), received.size(),
                    layer.pendingOutput(), layer.isEstablished()).isTrue();
        }
        throw new AssertionError("expected the input to end within " + MAX_STEPS + " steps");
    }

    /** The peer's hello, then records as the fuzzer chooses, then raw bytes or a clean ending. */
    private static Run peerStream(FuzzedDataProvider data) {
        Run run = new Run();
        run.wire.writeBytes(FakeRecords.hello());
        for (int records = data.consumeInt(0, 12); records > 0; records--) {
            switch (data.consumeInt(0, 3)) {
                case 0 -> run.wire.writeBytes(FakeRecords.ticket());
                case 1 -> run.wire.writeBytes(FakeRecords.keyUpdate());
                case 2 -> addData(run, new byte[data.consumeInt(0, FakeRecords.MAX_PAYLOAD)]);
                default -> addData(run, data.consumeBytes(data.consumeInt(0, 300)));
            }
        }
        run.ending = data.pickValue(FakeEnding.values());
        run.hostile = data.consumeBoolean();
        if (run.hostile) {
            run.wire.writeBytes(data.consumeBytes(data.consumeInt(0, 4000)));
        }
        run.wire.writeBytes(run.ending.bytes(new Random(data.consumeLong())));
        return run;
    }

    private static void addData(Run run, byte[] plaintext) {
        run.wire.writeBytes(FakeRecords.data(plaintext));
        run.peerPlaintext.writeBytes(plaintext);
    }

    /** The wire in segments of the sizes the fuzzer chooses, the rest in one. */
    private static void cut(FuzzedDataProvider data, byte[] wire, ScriptedChannel channel) {
        int from = 0;
        for (int segments = data.consumeInt(0, 30); segments > 0 && from < wire.length; segments--) {
            int to = Math.min(wire.length, from + data.consumeInt(1, 20_000));
            channel.send(Arrays.copyOfRange(wire, from, to));
            from = to;
        }
        channel.send(Arrays.copyOfRange(wire, from, wire.length));
    }

    private static boolean take(ByteQueue received, ByteArrayOutputStream delivered, int atMost) {
        if (received.isEmpty()) {
            return false;
        }
        ByteBuffer view = received.readable();
        int count = Math.min(atMost, view.remaining());
        delivered.write(view.array(), view.arrayOffset() + view.position(), count);
        received.consume(count);
        return true;
    }

    /** Exactly the peer's plaintext from a well-formed stream; a prefix of what its records hold otherwise. */
    private static void assertPlaintextIn(Run run, TlsException failure) {
        byte[] delivered = run.delivered.toByteArray();
        if (!run.hostile) {
            assertThat(delivered).as("plaintext delivered").isEqualTo(run.peerPlaintext.toByteArray());
            return;
        }
        byte[] all = FakeRecords.plaintextOf(run.wire.toByteArray());
        assertThat(delivered.length).as("plaintext delivered (failure: %s)", failure).isLessThanOrEqualTo(all.length);
        assertThat(delivered).as("plaintext delivered").isEqualTo(Arrays.copyOf(all, delivered.length));
    }

    /** Only our plaintext, in order; close_notify last once the engine closed and all was written. */
    private static void assertOutgoing(byte[] written, byte[] upload, boolean closed) {
        byte[] sent = FakeRecords.plaintextOf(written);
        assertThat(sent.length).as("plaintext sent").isLessThanOrEqualTo(upload.length);
        assertThat(sent).as("plaintext sent").isEqualTo(Arrays.copyOf(upload, sent.length));
        byte[] closeNotify = FakeRecords.closeNotify();
        if (closed) {
            assertThat(Arrays.copyOfRange(written, written.length - closeNotify.length, written.length))
                    .as("the last record written").isEqualTo(closeNotify);
        }
    }
}
