package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Pointer;
import dev.meerkat.tls.spi.KeyLogWriter;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Java functions OpenSSL calls back during a handshake, on the thread that called into it.
 *
 * <p>There is one static instance of each callback: JNA makes one native trampoline per callback
 * object, and OpenSSL may call it as long as any SSL_CTX that names it lives, so the instances must
 * stay strongly reachable; static fields do that without a trampoline per context. A callback finds
 * its engine by the SSL pointer, registered for exactly the engine's open life. No exception may
 * cross into native code: each callback catches everything and answers "reject".
 */
final class NativeCallbacks {

    private static final System.Logger LOG = System.getLogger(NativeCallbacks.class.getName());

    private static final Map<Long, OpenSslJnaEngine> ENGINES = new ConcurrentHashMap<>();
    private static final int SSL_EX_DATA_INDEX = LibSsl.SSL_get_ex_data_X509_STORE_CTX_idx();

    static final LibSsl.CertVerifyCallback VERIFY = NativeCallbacks::verifyPeer;
    static final LibSsl.AlpnSelectCallback ALPN_SELECT = NativeCallbacks::selectAlpn;
    static final LibSsl.ServerNameCallback SERVER_NAME = NativeCallbacks::serverName;
    static final LibSsl.NewSessionCallback NEW_SESSION = NativeCallbacks::newSession;
    static final LibSsl.KeyLogCallback KEY_LOG = NativeCallbacks::keyLog;

    private NativeCallbacks() {
    }

    static void register(Pointer ssl, OpenSslJnaEngine engine) {
        ENGINES.put(Pointer.nativeValue(ssl), engine);
    }

    static void unregister(Pointer ssl) {
        ENGINES.remove(Pointer.nativeValue(ssl));
    }

    /** Engines open right now; for leak tests. */
    static int registeredEngines() {
        return ENGINES.size();
    }

    private static OpenSslJnaEngine engineOf(Pointer ssl) {
        return ssl == null ? null : ENGINES.get(Pointer.nativeValue(ssl));
    }

    /**
     * SSL_CTX_set_cert_verify_callback: replaces OpenSSL's own chain check with the shared
     * {@link dev.meerkat.tls.PeerVerifier}. The untrusted stack is the peer's chain, leaf first.
     */
    private static int verifyPeer(Pointer storeContext, Pointer arg) {
        int error = VerifyErrors.X509_V_ERR_APPLICATION_VERIFICATION;
        try {
            OpenSslJnaEngine engine = engineOf(LibCrypto.X509_STORE_CTX_get_ex_data(storeContext, SSL_EX_DATA_INDEX));
            if (engine != null) {
                error = engine.verifyPeer(LibCrypto.X509_STORE_CTX_get0_untrusted(storeContext));
            }
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "certificate verification callback failed; rejecting the peer", e);
        }
        if (error == 0) {
            return 1;
        }
        // The verify error picks the alert OpenSSL sends (unknown_ca, certificate_expired, ...).
        LibCrypto.X509_STORE_CTX_set_error(storeContext, error);
        return 0;
    }

    /**
     * SSL_CTX_set_alpn_select_cb (server): picks the server's most preferred protocol the client
     * offered. {@code *out} must point into memory that outlives the call: the client's own list.
     */
    private static int selectAlpn(Pointer ssl, Pointer out, Pointer outLength, Pointer in, int inLength, Pointer arg) {
        try {
            OpenSslJnaEngine engine = engineOf(ssl);
            if (engine == null) {
                return LibSsl.SSL_TLSEXT_ERR_NOACK;
            }
            byte[] offered = in.getByteArray(0, inLength);
            int offset = engine.context().alpn().select(offered);
            if (offset < 0) {
                // RFC 7301 section 3.2: no overlap is a fatal no_application_protocol alert.
                return LibSsl.SSL_TLSEXT_ERR_ALERT_FATAL;
            }
            out.setPointer(0, in.share(offset + 1L));
            outLength.setByte(0, offered[offset]);
            return LibSsl.SSL_TLSEXT_ERR_OK;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "ALPN selection callback failed", e);
            return LibSsl.SSL_TLSEXT_ERR_ALERT_FATAL;
        }
    }

    /** The servername callback (server): switches the SSL to the SSL_CTX holding that name's key material. */
    private static int serverName(Pointer ssl, Pointer alert, Pointer arg) {
        try {
            OpenSslJnaEngine engine = engineOf(ssl);
            String name = LibSsl.SSL_get_servername(ssl, LibSsl.TLSEXT_NAMETYPE_HOST_NAME);
            Pointer forName = engine == null || name == null ? null : engine.context().sslContextForServerName(name);
            if (forName != null) {
                LibSsl.SSL_set_SSL_CTX(ssl, forName);
            }
            return LibSsl.SSL_TLSEXT_ERR_OK;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "server name callback failed; keeping the default certificate", e);
            return LibSsl.SSL_TLSEXT_ERR_OK;
        }
    }

    /** SSL_CTX_sess_set_new_cb (client): keeps the session for the next connection to the same peer. */
    private static int newSession(Pointer ssl, Pointer session) {
        try {
            OpenSslJnaEngine engine = engineOf(ssl);
            if (engine != null && engine.context().sessions().offer(engine.sessionKey(), session)) {
                return 1;
            }
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "new session callback failed; the session is not cached", e);
        }
        return 0;
    }

    /** SSL_CTX_set_keylog_callback: installed only on the SSL_CTXs of a config with a key log. */
    private static void keyLog(Pointer ssl, String line) {
        try {
            OpenSslJnaEngine engine = engineOf(ssl);
            KeyLogWriter keyLog = engine == null ? null : engine.context().keyLog();
            if (keyLog != null) {
                keyLog.line(line);
            }
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "key log callback failed; the line is lost", e);
        }
    }
}
