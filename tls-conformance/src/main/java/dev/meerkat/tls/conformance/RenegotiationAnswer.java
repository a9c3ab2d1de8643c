package dev.meerkat.tls.conformance;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.spi.TlsEngine;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * What a client engine sends when a TLS 1.2 server asks it to renegotiate (HelloRequest). Every
 * client declines and keeps reading (issue 8), but the backends can only decline in their own way:
 * a no_renegotiation warning (RFC 5246 section 7.4.1.1), silence, or, for SunJSSE, which cannot
 * decline, a ClientHello. Found in memory against a SunJSSE server, record by record.
 */
public enum RenegotiationAnswer {
    /** A no_renegotiation warning alert: the refusal RFC 5246 section 7.4.1.1 describes (bc, openssl-jna). */
    NO_RENEGOTIATION_WARNING,
    /** No record at all: the HelloRequest is ignored, which RFC 5246 allows (BoringSSL, provider openssl). */
    NOTHING,
    /** A ClientHello: the client renegotiates, since SunJSSE (provider jdk) cannot decline. */
    CLIENT_HELLO;

    private static final int CONTENT_TYPE_ALERT = 21;
    private static final int CONTENT_TYPE_HANDSHAKE = 22;
    private static final int MAX_STEPS = 100;

    /**
     * The answer of a client engine made by {@code clientContext} (TLS 1.2) to a server with
     * {@code serverKeys}.
     *
     * @param clientContext makes the client engine; it must allow TLS 1.2 and trust the server
     * @param serverKeys    the SunJSSE server's key and chain
     * @return what the client sent after the HelloRequest
     * @throws Exception      when the handshake or an engine fails
     * @throws AssertionError when the handshake does not complete within 100 steps, or the client sent
     *                        something else
     */
    public static RenegotiationAnswer of(TlsContext clientContext, KeyMaterial serverKeys) throws Exception {
        SSLEngine server = StopReadingServer.sslContext(serverKeys).createSSLEngine();
        server.setUseClientMode(false);
        try (TlsEngine client = clientContext.newEngine("localhost", 443)) {
            handshake(client, server);
            server.beginHandshake();
            client.unwrap(SslEngines.wrapPending(server), ByteBuffer.allocate(client.plaintextRoom()));
            return classify(wrapAll(client), server);
        }
    }

    /**
     * The answer of a TLS 1.2 client of {@code provider}, trusting the test CA, to a server with the
     * test key.
     *
     * @param provider the client's provider name
     * @return what the client sent after the HelloRequest
     * @throws Exception when the context cannot be made, or the handshake or an engine fails
     */
    public static RenegotiationAnswer ofProvider(String provider) throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig config = pki.clientConfig().versions(TlsVersion.TLS_1_2).build();
        try (TlsContext context = TlsProviders.named(provider).newContext(config)) {
            return of(context, pki.server());
        }
    }

    private static RenegotiationAnswer classify(ByteBuffer answer, SSLEngine server) throws SSLException {
        if (!answer.hasRemaining()) {
            return NOTHING;
        }
        int type = answer.get(answer.position()) & 0xff;
        if (type == CONTENT_TYPE_HANDSHAKE) {
            return CLIENT_HELLO;
        }
        try {
            SslEngines.unwrapAll(server, answer);
        } catch (SSLException e) {
            // SunJSSE, waiting for the ClientHello, refuses a warning: "received handshake warning: no_renegotiation".
            if (type == CONTENT_TYPE_ALERT && String.valueOf(e.getMessage()).contains("no_renegotiation")) {
                return NO_RENEGOTIATION_WARNING;
            }
            throw e;
        }
        throw new AssertionError("expected no answer, a no_renegotiation warning or a ClientHello but the client sent a"
                + " record of type " + type + " that the server took without complaint");
    }

    private static void handshake(TlsEngine client, SSLEngine server) throws Exception {
        ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
        for (int step = 0; !(client.isHandshakeComplete() && SslEngines.idle(server)); step++) {
            if (step > MAX_STEPS) {
                throw new AssertionError("expected the TLS 1.2 handshake to complete within " + MAX_STEPS + " steps");
            }
            toServer.put(wrapAll(client)).flip();
            SslEngines.unwrapAll(server, toServer);
            toServer.compact();
            toClient.put(SslEngines.wrapPending(server)).flip();
            client.unwrap(toClient, ByteBuffer.allocate(client.plaintextRoom()));
            toClient.compact();
        }
    }

    private static ByteBuffer wrapAll(TlsEngine engine) throws TlsException {
        ByteBuffer out = ByteBuffer.allocate(1 << 17);
        for (int step = 0; engine.wantsWrap() && step < MAX_STEPS; step++) {
            engine.wrap(ByteBuffer.allocate(0), out);
        }
        return out.flip();
    }
}
