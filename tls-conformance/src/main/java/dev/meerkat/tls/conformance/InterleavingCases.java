package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the peer does while we are busy with something else: it answers early and resets while our
 * upload is backed up, or its bytes wait in our buffers while the application paused reading and
 * then closes. Every byte that reached us is still delivered (docs/ARCHITECTURE.md, "The drain
 * invariant"), the same way on every provider.
 */
public abstract class InterleavingCases extends BackedUpOutputCases {

    /** The early answer: 413 with a 51,200-byte body in the reproduction of the core issue. */
    private static final int EARLY_RESPONSE = 51_200;
    private static final int UPLOAD = 8 * 1024 * 1024;
    private static final int UPLOAD_CHUNK = 64 * 1024;
    private static final int PAUSED_RESPONSE = 15_367;
    /**
     * Runs of each interleaving per test: 1 in the suite; a probe counts how many of more runs
     * deliver everything ({@code -Dmeerkat.conformance.runs=20}, command in docs/ARCHITECTURE.md).
     */
    private static final int RUNS = Integer.getInteger("meerkat.conformance.runs", 1);

    /** For subclasses: a backend names its provider in a few lines. */
    protected InterleavingCases() {
    }

    /**
     * The server answers an upload early, with close_notify, and closes with the upload unread, so
     * the kernel resets. Our writes fail, yet the response and close_notify were read before the
     * reset: every byte is delivered and the input decides the reason, CLEAN.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void earlyResponseBeforeAResetIsDeliveredWhole(TlsVersion version) throws TlsException {
        Payload response = Payload.random(EARLY_RESPONSE, 413);
        Outcome expected = Outcome.delivered(response, response.length(), CloseReason.CLEAN);
        List<String> misses = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            EventLog client = new EventLog();
            runPair(version, (c, event) -> answerEarly(c, event, response), new Uploader(client), client);
            if (!Outcome.of(client).equals(expected)) {
                misses.add(client.toString());
            }
        }
        assertThat(misses).as("runs of %d that did not deliver %s", RUNS, expected).isEmpty();
    }

    /** Runs a server and a client of the provider under test until the client's log is closed. */
    private void runPair(TlsVersion version, Handler server, Handler client, EventLog clientLog) throws TlsException {
        try (TlsContext serverContext = serverContext(serverConfig(version, pki.server()));
             TlsContext clientContext = clientContext(clientConfig(version));
             Manager manager = new Manager()) {
            Connection listener = manager.listen("tls://127.0.0.1:0", Options.defaults().withTls(serverContext), server);
            manager.connect("tls://localhost:" + listener.localAddress().getPort(),
                    Options.defaults().withTls(clientContext), client);
            ScenarioRunner.pollUntil(manager, clientLog::isClosed, () -> "client: " + clientLog);
        }
    }

    /** Reads the start of the request only, answers, and closes with the rest unread. */
    private static void answerEarly(Connection c, Event event, Payload response) {
        if (event instanceof Event.Read && !c.isClosing()) {
            c.pauseReading();
            c.send(ByteBuffer.wrap(response.bytes()));
            c.closeAfterFlush();
        }
    }

    /** Sends {@link #UPLOAD} bytes as fast as the send limit lets it, and logs what it reads. */
    private static final class Uploader implements Handler {
        private final EventLog log;
        private final ByteBuffer chunk = ByteBuffer.allocate(UPLOAD_CHUNK);
        private long sent;

        Uploader(EventLog log) {
            this.log = log;
        }

        @Override
        public void handle(Connection c, Event event) {
            log.record(event);
            if (event instanceof Event.TlsHandshake || event instanceof Event.Write) {
                while (sent < UPLOAD && c.send(chunk.clear())) {
                    sent += UPLOAD_CHUNK;
                }
            }
        }
    }

    /**
     * The application paused with bytes in hand and then closed: close() offers them despite the
     * pause, then Close(LOCAL). Proves every byte read before the close reaches the handler.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void closeWhilePausedOffersTheBytesAlreadyRead(TlsVersion version) throws TlsException {
        Payload response = Payload.random(PAUSED_RESPONSE, 15);
        Handler server = (c, event) -> {
            if (event instanceof Event.TlsHandshake) {
                c.send(ByteBuffer.wrap(response.bytes()));
            }
        };
        List<String> misses = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            PausingClient client = new PausingClient();
            runPair(version, server, client, client.log);
            Outcome expected = Outcome.delivered(response, (int) client.log.bytes(), CloseReason.LOCAL);
            boolean offered = client.offeredWhenPaused > 0 && client.log.bytes() >= client.offeredWhenPaused;
            if (!offered || !Outcome.of(client.log).equals(expected)) {
                misses.add(client.offeredWhenPaused + " bytes in hand at the pause, then " + client.log);
            }
        }
        assertThat(misses).as("runs of %d where close() did not offer the bytes in hand", RUNS).isEmpty();
    }

    /** Declines its first Read, pauses, and closes a little later; takes everything offered after that. */
    private static final class PausingClient implements Handler {
        private final EventLog log = new EventLog();
        private int offeredWhenPaused;

        @Override
        public void handle(Connection c, Event event) {
            if (event instanceof Event.Read read && offeredWhenPaused == 0) {
                offeredWhenPaused = read.data().remaining();
                c.pauseReading();
                c.timer(Duration.ofMillis(100), null, "close");
                return;
            }
            if (event instanceof Event.Timer) {
                c.close();
                return;
            }
            log.record(event);
        }
    }
}
