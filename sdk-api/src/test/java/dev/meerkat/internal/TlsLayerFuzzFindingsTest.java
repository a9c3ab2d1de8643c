package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meerkat.faketls.FakeRecords;
import dev.meerkat.faketls.FakeTlsContext;
import dev.meerkat.tls.TlsException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** What the TLS layer fuzz target ({@link TlsLayerFuzzTest}) found, each pinned as a named case. */
class TlsLayerFuzzFindingsTest {

    /**
     * An upload queued before the handshake held the exhausted memory budget, and a connection
     * holding bytes reads nothing while it is exhausted: the peer's hello was never read, so the
     * upload could never drain. The connection hung until the handshake timeout.
     */
    @Test
    void anUploadQueuedBeforeTheHandshakeDoesNotStopItWhenTheBudgetIsExhausted() throws Exception {
        BufferAccount account = new BufferAccount(new SharedBudget(1000));
        ByteQueue received = new ByteQueue(account);
        ByteQueue queued = new ByteQueue(account);
        TlsLayer layer = new TlsLayer(new FakeTlsContext().newEngine("peer", 443), received, queued,
                new FileRegions(account), account, 64 * 1024, session -> { });
        queued.append(ByteBuffer.allocate(5000));
        ScriptedChannel channel = new ScriptedChannel(64 * 1024);
        layer.write(channel);
        channel.send(FakeRecords.hello());

        int budget = layer.readBudget();
        assertThat(budget).as("read budget while only the queued upload holds the budget").isPositive();
        layer.read(channel, budget, ByteBuffer.allocate(ByteQueue.READ_CHUNK));
        layer.decode();

        assertThat(layer.isEstablished()).as("handshake complete").isTrue();
        layer.release();
    }

    /**
     * An alert record shorter than its two bytes (level, description) made the fake engine read
     * past the record (BufferUnderflowException) where a real engine refuses it as PROTOCOL.
     */
    @Test
    void anAlertShorterThanTwoBytesIsAProtocolError() throws Exception {
        BufferAccount account = new BufferAccount(new SharedBudget(1 << 20));
        ByteQueue received = new ByteQueue(account);
        TlsLayer layer = new TlsLayer(new FakeTlsContext().newEngine("peer", 443), received,
                new ByteQueue(account), new FileRegions(account), account, 64 * 1024, session -> { });
        ScriptedChannel channel = new ScriptedChannel(64 * 1024);
        layer.write(channel);
        channel.send(FakeRecords.concat(FakeRecords.hello(), FakeRecords.record(FakeRecords.ALERT, new byte[] {1})));
        layer.read(channel, layer.readBudget(), ByteBuffer.allocate(ByteQueue.READ_CHUNK));

        TlsException failure = catchThrowableOfType(TlsException.class, () -> {
            for (int round = 0; round < 4 && layer.decode(); round++) {
                // the hello, then the alert: each decode moves one step
            }
        });

        assertThat(failure).as("decoding a 1-byte alert").isNotNull();
        assertThat(failure.kind()).isEqualTo(TlsException.Kind.PROTOCOL);
        layer.release();
    }
}
