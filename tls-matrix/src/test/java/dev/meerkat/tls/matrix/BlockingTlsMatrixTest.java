package dev.meerkat.tls.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.BlockingConnection;
import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.ConnectionClosedException;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.faults.Fault;
import dev.meerkat.faults.FaultProxy;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BlockingConnection} over every available provider (client and server on the same one), from
 * platform threads: the TLS work stays on the loop, and the end of the stream is -1 only after
 * close_notify; a truncation throws naming its reason, after every byte that arrived.
 */
@Timeout(60)
class BlockingTlsMatrixTest {
    private static final TestPki PKI = TestPki.get();
    private static final long WAIT = 15_000;
    /** Several TLS records. */
    private static final byte[] DATA = new byte[300_000];

    static {
        new Random(7).nextBytes(DATA);
    }

    private final Manager manager = new Manager().start();

    @AfterEach
    void close() {
        manager.close();
    }

    private Options serverOptions(String provider) throws Exception {
        return Options.defaults().withTls(TlsProviders.named(provider).newContext(PKI.serverConfig(PKI.server()).build()));
    }

    private Options clientOptions(String provider) throws Exception {
        return Options.defaults().withTls(TlsProviders.named(provider).newContext(PKI.clientConfig().build()));
    }

    /**
     * At the client's first byte, sends DATA, then closes with close_notify or without once it went
     * out (not at a Write of the server's TLS 1.3 tickets, which some providers send after the handshake).
     */
    private static Handler sender(boolean closeNotify) {
        return (c, e) -> {
            if (e instanceof Event.Read read && read.data().hasRemaining()) {
                read.data().position(read.data().limit());
                c.send(DATA);
                c.attach(DATA);
            } else if (e instanceof Event.Write w && w.queued() == 0 && c.attachment() == DATA && !c.isClosing()) {
                if (closeNotify) {
                    c.closeAfterFlush();
                } else {
                    c.close();
                }
            }
        };
    }

    private InetSocketAddress listen(String provider, Handler handler) throws Exception {
        Connection listener = manager.listenAsync("tls://127.0.0.1:0", serverOptions(provider), handler).get(WAIT, TimeUnit.MILLISECONDS);
        return listener.localAddress();
    }

    private BlockingConnection connect(String provider, int port) throws Exception {
        return BlockingConnection.connect(manager, "tls://localhost:" + port, clientOptions(provider));
    }

    private static byte[] readUntilEnd(InputStream in, ByteArrayOutputStream got) throws Exception {
        byte[] buffer = new byte[1000];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            got.write(buffer, 0, n);
        }
        return got.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ProviderPairs.PROVIDERS)
    void echoesThroughStreams(String provider) throws Exception {
        InetSocketAddress server = listen(provider, (c, e) -> {
            if (e instanceof Event.Read read) {
                c.send(read.data());
            }
        });
        try (BlockingConnection c = connect(provider, server.getPort())) {
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    c.outputStream().write(DATA);
                    c.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(c.inputStream().readNBytes(DATA.length)).isEqualTo(DATA);
            written.get(WAIT, TimeUnit.MILLISECONDS);
            assertThat(c.connection().isTls()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ProviderPairs.PROVIDERS)
    void readReturnsMinusOneOnlyAfterCloseNotify(String provider) throws Exception {
        InetSocketAddress server = listen(provider, sender(true));
        try (BlockingConnection c = connect(provider, server.getPort())) {
            c.outputStream().write('?');
            assertThat(readUntilEnd(c.inputStream(), new ByteArrayOutputStream())).isEqualTo(DATA);
            assertThat(c.closeReason()).isEqualTo(CloseReason.CLEAN);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ProviderPairs.PROVIDERS)
    void aCloseWithoutCloseNotifyThrowsAfterEveryByte(String provider) throws Exception {
        InetSocketAddress server = listen(provider, sender(false));
        try (BlockingConnection c = connect(provider, server.getPort())) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            assertThat(askAndReadToTheFailure(c, got)).hasMessageContaining("TRUNCATED_NO_CLOSE_NOTIFY")
                    .hasMessageContaining("read " + DATA.length + " bytes");
            assertThat(got.toByteArray()).isEqualTo(DATA);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ProviderPairs.PROVIDERS)
    void aPartialLastRecordThrowsAfterEveryWholeRecord(String provider) throws Exception {
        InetSocketAddress server = listen(provider, sender(true));
        try (FaultProxy proxy = FaultProxy.start(server, new Fault.PartialRecordAtEnd());
             BlockingConnection c = connect(provider, proxy.port())) {
            proxy.arm();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            assertThat(askAndReadToTheFailure(c, got).reason()).isEqualTo(CloseReason.TRUNCATED_PARTIAL_RECORD);
            byte[] prefix = got.toByteArray();
            assertThat(prefix.length).isPositive().isLessThan(DATA.length);
            assertThat(prefix).isEqualTo(Arrays.copyOf(DATA, prefix.length));
        }
    }

    /** Asks the server for DATA, reads into {@code got} and returns how the reading ended. */
    private static ConnectionClosedException askAndReadToTheFailure(BlockingConnection c, ByteArrayOutputStream got) throws Exception {
        c.outputStream().write('?');
        try {
            readUntilEnd(c.inputStream(), got);
        } catch (ConnectionClosedException e) {
            return e;
        }
        throw new AssertionError("expected a ConnectionClosedException after " + got.size() + " bytes but the read ended with -1");
    }
}
