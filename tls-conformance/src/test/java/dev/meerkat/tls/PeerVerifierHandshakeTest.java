package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.spi.TlsFailures;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;

/**
 * The trust manager adapter inside a real JSSE handshake (two in-memory SSLEngines): JSSE calls
 * it, and the kind the verifier decided survives JSSE's wrapping for {@link TlsFailures#findCause}.
 */
class PeerVerifierHandshakeTest {

    private static final int MAX_STEPS = 200;
    private static final char[] PASSWORD = "unused".toCharArray();

    private final TestPki pki = TestPki.get();

    @Test
    void completesWithTheTrustedServer() throws Exception {
        SSLEngine client = clientEngine("localhost");
        handshake(client, serverEngine(pki.server()));

        assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(pki.server().leaf());
    }

    @Test
    void reportsTheVerifierKindThroughJsse() throws Exception {
        assertHandshakeFails(pki.unknownCa(), "localhost", Kind.UNTRUSTED_CERTIFICATE);
        assertHandshakeFails(pki.expired(), "localhost", Kind.EXPIRED_CERTIFICATE);
        assertHandshakeFails(pki.server(), "other.example", Kind.HOSTNAME_MISMATCH);
    }

    private void assertHandshakeFails(KeyMaterial serverMaterial, String host, Kind kind) throws Exception {
        SSLEngine client = clientEngine(host);
        SSLEngine server = serverEngine(serverMaterial);

        assertThatThrownBy(() -> handshake(client, server))
                .isInstanceOf(SSLException.class)
                .satisfies(e -> assertThat(TlsFailures.findCause(e)).isNotNull()
                        .extracting(TlsException::kind).isEqualTo(kind));
    }

    private SSLEngine clientEngine(String host) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        TrustManager adapter = pki.clientConfig().build().peerVerifier().asTrustManager(null);
        context.init(null, new TrustManager[] {adapter}, null);
        SSLEngine engine = context.createSSLEngine(host, 443);
        engine.setUseClientMode(true);
        return engine;
    }

    private static SSLEngine serverEngine(KeyMaterial material) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", material.privateKey(), PASSWORD, material.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        return engine;
    }

    /** Shuttles bytes between the engines until both finish the handshake, in a bounded number of steps. */
    private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        int size = client.getSession().getPacketBufferSize() * 4;
        ByteBuffer toServer = ByteBuffer.allocate(size);
        ByteBuffer toClient = ByteBuffer.allocate(size);
        ByteBuffer sink = ByteBuffer.allocate(client.getSession().getApplicationBufferSize() * 2);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < MAX_STEPS; step++) {
            if (done(client) && done(server)) {
                return;
            }
            transfer(client, toServer, toClient, sink);
            transfer(server, toClient, toServer, sink);
        }
        throw new AssertionError("expected the handshake to finish within " + MAX_STEPS + " steps but it did not");
    }

    private static void transfer(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer sink) throws SSLException {
        engine.wrap(ByteBuffer.allocate(0), out);
        in.flip();
        engine.unwrap(in, sink);
        in.compact();
        sink.clear();
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }
}
