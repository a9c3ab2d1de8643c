package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.faketls.FakeRecords;
import dev.meerkat.tls.TlsException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/**
 * A record over the limit after the handshake: the core refuses it from its header and shows the
 * engine the largest header instead, and the alert the engine raises for it (the fake engine's
 * unexpected_message, as it checks lengths from the header too) goes out. Before, the core sent
 * close_notify. The conformance suite holds the four real engines to the same.
 */
class TlsLayerOverflowTest {

    @Test
    void theEnginesOwnAlertGoesOutInsteadOfCloseNotify() throws Exception {
        try (ServerSocketChannel listener = TlsLayerDrive.smallBufferListener();
             SocketChannel client = SocketChannel.open();
             Socket peer = TlsLayerDrive.connect(listener, client)) {
            TlsLayerDrive drive = new TlsLayerDrive(client, false, 1 << 20);
            drive.handshake(peer);
            OutputStream out = peer.getOutputStream();
            out.write(new byte[] {FakeRecords.APPLICATION, 3, 3, (byte) (16641 >> 8), (byte) 16641});
            out.flush();
            TlsLayer layer = drive.layer();
            assertThat(layer.read(client, layer.readBudget(), ByteBuffer.allocate(64))).isEqualTo(5);
            assertThatThrownBy(layer::decode).isInstanceOf(TlsException.class)
                    .hasMessageContaining("record_overflow").hasMessageContaining("claims 16641 bytes");
            layer.write(client);
            assertThat(peer.getInputStream().readNBytes(7)).as("the engine's fatal alert")
                    .isEqualTo(FakeRecords.record(FakeRecords.ALERT, new byte[] {2, 10}));
        }
    }
}
