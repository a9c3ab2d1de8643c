package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.TlsVersion;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.TrustManagerFactory;
import java.security.KeyStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@link StopReadingServer} relies on: SunJSSE's {@code beginHandshake()} on an established
 * server engine sends a message the client must answer. TLS 1.3: KeyUpdate with update_requested
 * (with update_not_requested the client would have nothing to send); TLS 1.2: HelloRequest, one
 * plaintext-typed handshake record, which a JDK client answers with a ClientHello.
 */
class JdkPostHandshakeMessagesTest {

    private final TestPki pki = TestPki.get();

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void serverHandshakeOnEstablishedConnectionAsksTheClientToAnswer(TlsVersion version) throws Exception {
        SSLEngine server = StopReadingServer.sslContext(pki.server()).createSSLEngine();
        server.setUseClientMode(false);
        SSLEngine client = clientContext().createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {version.protocolName()});
        InMemoryPair pair = new InMemoryPair(client, server);
        pair.handshake();
        assertThat(client.getSession().getProtocol()).as("protocol of the first handshake")
                .isEqualTo(version.protocolName());

        server.beginHandshake();
        ByteBuffer message = pair.wrap(server);
        pair.unwrap(client, message);

        assertThat(client.getHandshakeStatus()).as("client after the server's post-handshake message over %s", version)
                .isEqualTo(HandshakeStatus.NEED_WRAP);
    }

    private SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.server().chain().get(pki.server().chain().size() - 1));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** Two engines that talk through byte buffers, one step at a time; unread bytes wait in the buffers. */
    private record InMemoryPair(SSLEngine client, SSLEngine server, ByteBuffer toServer, ByteBuffer toClient) {

        InMemoryPair(SSLEngine client, SSLEngine server) {
            this(client, server, ByteBuffer.allocate(1 << 17), ByteBuffer.allocate(1 << 17));
        }

        void handshake() throws Exception {
            client.beginHandshake();
            for (int step = 0; step < 100 && !(idle(client) && idle(server)); step++) {
                toServer.put(wrap(client));
                unwrap(server, toServer.flip());
                toServer.compact();
                toClient.put(wrap(server));
                unwrap(client, toClient.flip());
                toClient.compact();
            }
        }

        ByteBuffer wrap(SSLEngine engine) throws Exception {
            ByteBuffer out = ByteBuffer.allocate(1 << 17);
            runTasks(engine);
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), out);
                runTasks(engine);
                if (result.bytesProduced() == 0) {
                    break;
                }
            }
            return out.flip();
        }

        void unwrap(SSLEngine engine, ByteBuffer in) throws Exception {
            ByteBuffer plain = ByteBuffer.allocate(1 << 17);
            while (in.hasRemaining()) {
                SSLEngineResult result = engine.unwrap(in, plain);
                runTasks(engine);
                if (result.bytesConsumed() == 0) {
                    break;
                }
            }
        }

        private static boolean idle(SSLEngine engine) {
            HandshakeStatus status = engine.getHandshakeStatus();
            return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
        }

        private static void runTasks(SSLEngine engine) {
            for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                task.run();
            }
        }
    }
}
