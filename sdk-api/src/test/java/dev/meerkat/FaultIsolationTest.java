package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.faketls.FakeTlsContext;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.spi.InputEnd;
import dev.meerkat.tls.spi.TlsEngine;
import dev.meerkat.tls.spi.TlsResult;
import java.nio.ByteBuffer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One connection's failure, whatever throws, ends that connection only: never the manager's loop. */
class FaultIsolationTest {
    private final Manager manager = new Manager();

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** A provider bug surfaces as a RuntimeException from newEngine: the connection fails, the loop goes on. */
    @Test
    void runtimeFailureOfATlsContextClosesOnlyThatConnection() throws IOException {
        EventLog accepted = new EventLog();
        Connection listener = manager.listen("tcp://127.0.0.1:0", Options.defaults().withTls(new BrokenContext()),
                (c, e) -> {
                    if (!c.isListener()) {
                        accepted.handle(c, e);
                    }
                });
        int port = listener.localAddress().getPort();
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port)) {
            pollUntil(manager, accepted::closed, "the accepted connection to close");
        }
        assertThat(accepted.close().reason()).isEqualTo(CloseReason.ERROR);
        assertThat(accepted.close().cause()).hasMessageContaining("no engine today");
        assertThat(accepted.count(Event.Close.class)).isEqualTo(1);
        assertThat(manager.connections()).containsExactly(listener);
    }

    /** An engine that throws a RuntimeException from unwrap: the guard in the loop must catch it. */
    @Test
    void runtimeFailureOfAnEngineClosesOnlyThatConnection() {
        FakeTlsContext fake = new FakeTlsContext();
        Connection listener = manager.listen("tcp://127.0.0.1:0", Options.defaults().withTls(fake), (c, e) -> { });
        EventLog client = new EventLog();
        TlsContext throwing = new BrokenContext() {
            @Override
            public TlsEngine newEngine(String peerHost, int peerPort) {
                return new ThrowingEngine(fake.newEngine(peerHost, peerPort));
            }
        };
        manager.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(),
                Options.defaults().withTls(throwing), client);
        pollUntil(manager, client::closed, "the client to close");

        assertThat(client.close().reason()).isEqualTo(CloseReason.ERROR);
        assertThat(client.close().cause()).hasMessageContaining("unwrap exploded");
        pollUntil(manager, () -> manager.connections().size() == 1, "the server side to close too");
        assertThat(manager.bufferedBytes()).isZero();
    }

    private static class BrokenContext implements TlsContext {
        @Override
        public String providerName() {
            return "broken";
        }

        @Override
        public TlsConfig config() {
            return TlsConfig.client().insecureSkipVerification().build();
        }

        @Override
        public TlsEngine newEngine(String peerHost, int peerPort) {
            throw new IllegalStateException("no engine today");
        }

        @Override
        public void close() {
        }
    }

    private record ThrowingEngine(TlsEngine inner) implements TlsEngine {
        @Override
        public TlsResult unwrap(ByteBuffer in, ByteBuffer out) {
            throw new IllegalStateException("unwrap exploded");
        }

        @Override
        public TlsResult wrap(ByteBuffer in, ByteBuffer out) throws dev.meerkat.tls.TlsException {
            return inner.wrap(in, out);
        }

        @Override
        public boolean wantsWrap() {
            return inner.wantsWrap();
        }

        @Override
        public boolean isHandshakeComplete() {
            return inner.isHandshakeComplete();
        }

        @Override
        public boolean isInboundDone() {
            return inner.isInboundDone();
        }

        @Override
        public void closeOutbound() {
            inner.closeOutbound();
        }

        @Override
        public boolean isOutboundDone() {
            return inner.isOutboundDone();
        }

        @Override
        public int plaintextRoom() {
            return inner.plaintextRoom();
        }

        @Override
        public InputEnd inputEnded(ByteBuffer leftover) {
            return inner.inputEnded(leftover);
        }

        @Override
        public TlsSession session() {
            return inner.session();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
