package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsVersion;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, case A: a server that stopped reading our upload starts a handshake on the established
 * connection, then sends a response, close_notify and FIN. Our reply to its handshake message must
 * not wait behind the backed-up upload, and every byte of the response must arrive, ending CLEAN.
 * TLS 1.3 sends KeyUpdate(update_requested), which every provider must answer; TLS 1.2 sends
 * HelloRequest, which every client declines (see {@link #declinesRenegotiationWhileOutputBackedUp}).
 */
public abstract class BackedUpOutputCases extends ScaleCases {

    private static final int UPLOAD = 8 * 1024 * 1024;
    private static final int RESPONSE = 204_800;
    /** Small enough to sit whole in the paused client's receive buffer before the reset. */
    private static final int SMALL_RESPONSE = 16_384;
    private static final int CONTENT_TYPE_HANDSHAKE = 22;
    private static final int CONTENT_TYPE_APPLICATION_DATA = 23;

    /** For subclasses: a backend names its provider in a few lines. */
    protected BackedUpOutputCases() {
    }

    /**
     * Proves a TLS 1.3 KeyUpdate from the server is answered while our upload is backed up (the
     * answer is never held behind application data), and the whole response still arrives.
     *
     * @throws Exception when the server cannot start, a context cannot be made, or a wait is interrupted
     */
    @Test
    public void answersKeyUpdateWhileOutputBackedUp() throws Exception {
        StopReadingServer.Report report = assertWholeResponseDespiteBackedUpOutput(TlsVersion.TLS_1_3, true);
        assertThat(report.firstRecordType()).as("outer type of the server's KeyUpdate record")
                .isEqualTo(CONTENT_TYPE_APPLICATION_DATA);
        assertThat(report.recordCount()).as("records of the server's KeyUpdate").isEqualTo(1);
    }

    /**
     * A server-initiated TLS 1.2 renegotiation is declined by every client, and reading goes on
     * (issues 8 and 9). Proves the whole response still arrives while our upload is backed up.
     *
     * @throws Exception when the server cannot start, a context cannot be made, or a wait is interrupted
     */
    @Test
    public void declinesRenegotiationWhileOutputBackedUp() throws Exception {
        StopReadingServer.Report report = assertWholeResponseDespiteBackedUpOutput(TlsVersion.TLS_1_2, true);
        assertThat(report.firstRecordType()).as("type of the server's HelloRequest record")
                .isEqualTo(CONTENT_TYPE_HANDSHAKE);
    }

    /**
     * The server ends with close_notify and FIN but never reads again: our close_notify reply waits
     * behind the upload that cannot drain. The Close still comes, CLEAN, once the linger gives up
     * (docs/ARCHITECTURE.md, "The lifecycle"), not after the 5-minute idle timeout.
     *
     * @throws Exception when the server cannot start, a context cannot be made, or a wait is interrupted
     */
    @Test
    public void closesCleanWhenThePeerNeverReadsOurBackedUpOutput() throws Exception {
        assertWholeResponseDespiteBackedUpOutput(newestVersion(), false);
    }

    /**
     * The server answers while our upload is backed up and reading is paused, then resets. Linux
     * reports the reset once, here to the write, and the read after it sees the response and then
     * only EOF. Proves every byte of the response is still delivered and the close is RESET, not a
     * missing close_notify (docs/ARCHITECTURE.md, "A failed write ends the output only").
     *
     * @throws Exception when the server cannot start, a context cannot be made, or a wait is interrupted
     */
    @Test
    public void deliversTheResponseThenResetWhenTheWriteTookTheReset() throws Exception {
        Payload response = Payload.random(SMALL_RESPONSE, 8);
        UploadingClient client = new UploadingClient(UPLOAD, SMALL_RESPONSE);
        try (StopReadingServer server = StopReadingServer.start(pki.server(), newestVersion(), response.bytes());
             TlsContext context = clientContext(clientConfig(newestVersion()));
             Manager manager = new Manager()) {
            Options options = Options.defaults().withTls(context).withSendLimit(2 * client.uploadLength());
            Connection connection = manager.connect("tls://127.0.0.1:" + server.port(), options, client);
            pollUntil(manager, client, client::outputBackedUp, "its upload backed up");
            connection.pauseReading();
            server.respondAndReset();
            server.report();
            pollUntil(manager, client, () -> connection.queuedBytes() == 0, "its write failed and dropped the upload");
            assertThat(client.log().isClosed()).as("closed while reading is paused: %s", client.log()).isFalse();
            connection.resumeReading();
            pollUntil(manager, client, () -> client.log().isClosed(), "it closed");
            assertThat(Outcome.of(client.log())).as("client: %s", client.log())
                    .isEqualTo(Outcome.delivered(response, SMALL_RESPONSE, CloseReason.RESET));
        }
    }

    private StopReadingServer.Report assertWholeResponseDespiteBackedUpOutput(TlsVersion version, boolean peerDrains)
            throws Exception {
        Payload response = Payload.random(RESPONSE, 8);
        UploadingClient client = new UploadingClient(UPLOAD, RESPONSE);
        try (StopReadingServer server = StopReadingServer.start(pki.server(), version, response.bytes());
             TlsContext context = clientContext(clientConfig(version));
             Manager manager = new Manager()) {
            Options options = Options.defaults().withTls(context).withSendLimit(2 * client.uploadLength());
            manager.connect("tls://127.0.0.1:" + server.port(), options, client);
            pollUntil(manager, client, client::outputBackedUp, "its upload backed up");
            server.respond();
            pollUntil(manager, client, () -> client.log().bytes() >= RESPONSE || client.log().isClosed(),
                    "the whole response arrived");
            if (peerDrains) {
                server.drainAndClose();
            }
            pollUntil(manager, client, () -> client.log().isClosed(), "it closed");
            assertThat(Outcome.of(client.log())).as("client over %s: %s", version, client.log())
                    .isEqualTo(Outcome.delivered(response, RESPONSE, CloseReason.CLEAN));
            StopReadingServer.Report report = server.report();
            assertThat(report.protocol()).as("protocol the server negotiated").isEqualTo(version.protocolName());
            assertThat(report.cipherBytesRead()).as("bytes the server read of the upload").isLessThan(UPLOAD / 8);
            assertThat(client.queuedAtResponse()).as("upload bytes still queued when the response had arrived")
                    .isGreaterThan(UPLOAD / 2);
            return report;
        }
    }

    private static void pollUntil(Manager manager, UploadingClient client, BooleanSupplier done, String what) {
        ScenarioRunner.pollUntil(manager, done, () -> "expected the client to see that " + what + " within "
                + ScenarioRunner.DEADLINE + " but it saw: " + client.log());
    }
}
