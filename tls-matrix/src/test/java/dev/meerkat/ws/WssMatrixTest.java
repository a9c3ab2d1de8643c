package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.Options;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.matrix.MatrixLoop;
import dev.meerkat.tls.matrix.ProviderPairs;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * wss:// end to end over the real providers: every available server provider against every
 * available client provider, through {@link HttpServer} + {@link WebSocket#accept} and
 * {@link WebSocket#connect}, with the host name from the URL checked against the certificate.
 */
@Timeout(60)
class WssMatrixTest {

    private static final TestPki PKI = TestPki.get();
    private static final long WAIT_SECONDS = 15;

    private final MatrixLoop loop = new MatrixLoop();
    private final BlockingQueue<WsEvent> clientEvents = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() throws InterruptedException {
        loop.close();
    }

    @Test
    void seesAtLeastTheJdkProvider() {
        assertThat(ProviderPairs.availableProviders()).contains("jdk");
    }

    @ParameterizedTest(name = "{0} server, {1} client")
    @MethodSource(ProviderPairs.PAIRS)
    void echoesOverWssAndClosesCleanly(String server, String client) throws Exception {
        int port = listenEcho(server, PKI.server());
        byte[] binary = new byte[300 * 1024];
        new Random(7).nextBytes(binary);

        WebSocket ws = connect(client, port);
        next(WsEvent.Open.class);
        assertThat(loop.call(() -> ws.connection().isTls())).isTrue();
        assertThat(loop.call(() -> ws.send("hello over " + server))).isTrue();
        assertThat(next(WsEvent.Text.class).text()).isEqualTo("hello over " + server);
        assertThat(loop.call(() -> ws.send(binary))).as("larger than one TLS record").isTrue();
        assertThat(next(WsEvent.Binary.class).data()).isEqualTo(binary);
        assertThat(loop.call(() -> ws.ping(new byte[] {9}))).isTrue();
        assertThat(next(WsEvent.Pong.class).payload()).containsExactly(9);
        assertThat(loop.call(() -> ws.close(CloseCodes.NORMAL, "done"))).isTrue();

        WsEvent.Close close = next(WsEvent.Close.class);
        assertThat(close.code()).isEqualTo(CloseCodes.NORMAL);
        assertThat(close.connection()).as("the server closed first, with close_notify").isEqualTo(CloseReason.CLEAN);
    }

    @ParameterizedTest(name = "{0} client")
    @MethodSource(ProviderPairs.PROVIDERS)
    void refusesAServerCertificateForAnotherHost(String client) throws Exception {
        int port = listenEcho("jdk", PKI.wrongHost());

        connect(client, port);
        assertThat(next(WsEvent.Error.class).cause()).isInstanceOf(TlsException.class);
        WsEvent.Close close = next(WsEvent.Close.class);
        assertThat(close.code()).isEqualTo(CloseCodes.ABNORMAL);
        assertThat(close.connection()).isEqualTo(CloseReason.ERROR);
    }

    private int listenEcho(String provider, KeyMaterial key) throws Exception {
        TlsContext context = loop.context(provider, PKI.serverConfig(key).build());
        HttpServer http = loop.call(() -> HttpServer.listen(loop.manager, "https://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true).withConnection(Options.defaults().withTls(context)), (exchange, event) -> {
                    if (event instanceof HttpEvent.Message) {
                        WebSocket.accept(exchange, WsOptions.defaults(), WssMatrixTest::echo);
                    }
                }));
        return loop.call(http::port);
    }

    private WebSocket connect(String provider, int port) throws Exception {
        TlsContext context = loop.context(provider, PKI.clientConfig().build());
        WsOptions options = WsOptions.defaults().withConnection(Options.defaults().withTls(context));
        return loop.call(() -> WebSocket.connect(loop.manager, "wss://127.0.0.1:" + port + "/echo", options,
                (ws, event) -> {
                    if (!(event instanceof WsEvent.Write || event instanceof WsEvent.Writability)) {
                        clientEvents.add(event);
                    }
                }));
    }

    private static void echo(WebSocket ws, WsEvent event) {
        if (event instanceof WsEvent.Text t) {
            ws.send(t.text());
        } else if (event instanceof WsEvent.Binary b) {
            ws.send(b.data());
        }
    }

    private <E extends WsEvent> E next(Class<E> type) throws InterruptedException {
        WsEvent event = clientEvents.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(event).as("the client's next event").isInstanceOf(type);
        return type.cast(event);
    }
}
