package dev.meerkat.tls.mbedtls;

import com.sun.jna.Pointer;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Java functions MbedTLS calls back, on the thread that called into it: the send and receive
 * functions of mbedtls_ssl_set_bio (Meerkat's buffers instead of a socket), the verify callback and
 * the SNI callback.
 *
 * <p>There is one static instance of each: JNA makes one native trampoline per callback object, and
 * MbedTLS may call it as long as a context or config that names it lives, so the instances must
 * stay strongly reachable. Each call finds its engine by the mbedtls_ssl_context address, which is
 * also the context argument of the I/O and verify callbacks, registered for exactly the engine's
 * open life. No exception may cross into native code: each callback catches everything and answers
 * with an error.
 */
final class MbedCallbacks {

    private static final System.Logger LOG = System.getLogger(MbedCallbacks.class.getName());

    /** ssl.h: MBEDTLS_ERR_SSL_INTERNAL_ERROR, what a callback that failed unexpectedly returns. */
    static final int INTERNAL_ERROR = -0x6C00;

    private static final Map<Long, MbedTlsEngine> ENGINES = new ConcurrentHashMap<>();

    static final LibMbedTls.IoCallback SEND = MbedCallbacks::send;
    static final LibMbedTls.IoCallback RECEIVE = MbedCallbacks::receive;
    static final LibMbedTls.VerifyCallback VERIFY = MbedCallbacks::verify;
    static final LibMbedTls.ServerNameCallback SERVER_NAME = MbedCallbacks::serverName;

    private MbedCallbacks() {
    }

    static void register(Pointer ssl, MbedTlsEngine engine) {
        ENGINES.put(Pointer.nativeValue(ssl), engine);
    }

    static void unregister(Pointer ssl) {
        ENGINES.remove(Pointer.nativeValue(ssl));
    }

    /** Engines open right now; for leak tests. */
    static int registeredEngines() {
        return ENGINES.size();
    }

    private static MbedTlsEngine engineOf(Pointer ssl) {
        return ssl == null ? null : ENGINES.get(Pointer.nativeValue(ssl));
    }

    private static int send(Pointer ssl, Pointer buffer, long length) {
        try {
            MbedTlsEngine engine = engineOf(ssl);
            return engine == null ? INTERNAL_ERROR : engine.send(buffer, (int) length);
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "MbedTLS send callback failed", e);
            return INTERNAL_ERROR;
        }
    }

    private static int receive(Pointer ssl, Pointer buffer, long length) {
        try {
            MbedTlsEngine engine = engineOf(ssl);
            return engine == null ? INTERNAL_ERROR : engine.receive(buffer, (int) Math.min(length, Integer.MAX_VALUE));
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "MbedTLS receive callback failed", e);
            return INTERNAL_ERROR;
        }
    }

    /** mbedtls_ssl_set_verify: the shared verifier decides at depth 0 (the leaf, whose next is the chain). */
    private static int verify(Pointer ssl, Pointer crt, int depth, Pointer flags) {
        try {
            MbedTlsEngine engine = engineOf(ssl);
            if (engine != null) {
                return engine.verify(crt, depth, flags);
            }
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "certificate verification callback failed; rejecting the peer", e);
        }
        flags.setInt(0, LibMbedX509.MBEDTLS_X509_BADCERT_OTHER);
        return LibMbedX509.MBEDTLS_ERR_X509_FATAL_ERROR;
    }

    /** mbedtls_ssl_conf_sni (server): the key material for the name the client asked for, else the default. */
    private static int serverName(Pointer arg, Pointer ssl, Pointer name, long length) {
        try {
            MbedTlsEngine engine = engineOf(ssl);
            if (engine != null && length > 0) {
                engine.serverNameRequested(new String(name.getByteArray(0, (int) length),
                        java.nio.charset.StandardCharsets.US_ASCII));
            }
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "server name callback failed; keeping the default certificate", e);
        }
        return 0;
    }
}
