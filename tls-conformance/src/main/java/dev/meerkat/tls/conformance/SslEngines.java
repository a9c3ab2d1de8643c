package dev.meerkat.tls.conformance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/** Steps of a SunJSSE {@link SSLEngine} driven in memory by a test peer; delegated tasks run inline. */
final class SslEngines {

    private static final int MAX_STEPS = 100;
    private static final int ROOM = 1 << 17;

    private SslEngines() {
    }

    /** Everything the engine has to send without application data: handshake messages, alerts. */
    static ByteBuffer wrapPending(SSLEngine engine) throws SSLException {
        ByteBuffer out = ByteBuffer.allocate(ROOM);
        runTasks(engine);
        for (int step = 0; engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && step < MAX_STEPS; step++) {
            engine.wrap(ByteBuffer.allocate(0), out);
            runTasks(engine);
        }
        return out.flip();
    }

    /** Unwraps records of {@code in} until the engine takes no more; the plaintext is dropped. */
    static void unwrapAll(SSLEngine engine, ByteBuffer in) throws SSLException {
        ByteBuffer plain = ByteBuffer.allocate(ROOM);
        for (int step = 0; in.hasRemaining() && step < MAX_STEPS; step++) {
            if (engine.unwrap(in, plain).bytesConsumed() == 0) {
                return;
            }
            runTasks(engine);
        }
    }

    /** A SunJSSE TLS 1.3 client engine trusting the test CA, its handshake begun. */
    static SSLEngine tls13Client(TestPki pki) throws SSLException, GeneralSecurityException, IOException {
        SSLEngine engine = client(pki, "TLSv1.3");
        engine.beginHandshake();
        return engine;
    }

    /** A SunJSSE client engine trusting the test CA, speaking only {@code protocol} ("TLSv1.2", "TLSv1.3"). */
    static SSLEngine client(TestPki pki, String protocol) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.server().chain().get(pki.server().chain().size() - 1));
        TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusted.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trusted.getTrustManagers(), null);
        SSLEngine engine = context.createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        return engine;
    }

    static boolean idle(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    static void runTasks(SSLEngine engine) {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }
}
