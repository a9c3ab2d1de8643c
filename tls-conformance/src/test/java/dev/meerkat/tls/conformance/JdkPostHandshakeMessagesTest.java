package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.TlsVersion;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
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
        SslEngines.unwrapAll(client, SslEngines.wrapPending(server));

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

    /** Two engines that talk through byte buffers; unread bytes wait in the buffers. */
    private record InMemoryPair(SSLEngine client, SSLEngine server, ByteBuffer toServer, ByteBuffer toClient) {

        InMemoryPair(SSLEngine client, SSLEngine server) {
            this(client, server, ByteBuffer.allocate(1 << 17), ByteBuffer.allocate(1 << 17));
        }

        void handshake() throws Exception {
            client.beginHandshake();
            for (int step = 0; step < 100 && !(SslEngines.idle(client) && SslEngines.idle(server)); step++) {
                toServer.put(SslEngines.wrapPending(client));
                SslEngines.unwrapAll(server, toServer.flip());
                toServer.compact();
                toClient.put(SslEngines.wrapPending(server));
                SslEngines.unwrapAll(client, toClient.flip());
                toClient.compact();
            }
        }
    }
}
