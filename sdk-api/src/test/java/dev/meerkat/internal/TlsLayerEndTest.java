package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.faketls.FakeRecords;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How {@link TlsLayer#classifyEnd} reads the ciphertext the engine did not take. */
class TlsLayerEndTest {

    /**
     * The handler took nothing, so the one-record engine decoded one record and two whole ones wait:
     * the input ended between records, not inside one (issue 8, case A).
     */
    @Test
    void wholeRecordsLeftUndecodedAreNoPartialRecord() throws Exception {
        assertThat(endAfter(FakeRecords.concat(FakeRecords.data(new byte[100]), FakeRecords.data(new byte[100]),
                FakeRecords.data(new byte[100])))).isEqualTo(CloseReason.TRUNCATED_NO_CLOSE_NOTIFY);
    }

    @Test
    void aRecordCutAfterWholeOnesIsAPartialRecord() throws Exception {
        byte[] cut = FakeRecords.data(new byte[100]);
        assertThat(endAfter(FakeRecords.concat(FakeRecords.data(new byte[100]), FakeRecords.data(new byte[100]),
                Arrays.copyOf(cut, 50)))).isEqualTo(CloseReason.TRUNCATED_PARTIAL_RECORD);
    }

    private static CloseReason endAfter(byte[] wire) throws Exception {
        try (ServerSocketChannel listener = TlsLayerDrive.smallBufferListener();
             SocketChannel client = SocketChannel.open();
             Socket peer = TlsLayerDrive.connect(listener, client)) {
            TlsLayerDrive drive = new TlsLayerDrive(client, false, 1);
            drive.handshake(peer);
            OutputStream out = peer.getOutputStream();
            out.write(wire);
            out.flush();
            peer.shutdownOutput();
            drive.readAllThenDecodeOnce();
            return drive.layer().classifyEnd();
        }
    }
}
