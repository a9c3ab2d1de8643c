package dev.meerkat.tls.mbedtls;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client context's resumable sessions (session ids or tickets), one per "host:port", least
 * recently used evicted first. Each is a native mbedtls_ssl_session that mbedtls_ssl_get_session
 * filled; mbedtls_ssl_set_session copies it into a new connection, under the lock, so that no
 * connection reads a session another thread is freeing. Thread-safe.
 */
final class ClientSessions {

    static final int CAPACITY = 256;

    private final Map<String, Memory> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    /** Offers the session cached for {@code key}, if any, to the new connection {@code ssl}; true when it did. */
    synchronized boolean resume(String key, Pointer ssl) {
        Memory session = key == null || closed ? null : sessions.get(key);
        if (session == null) {
            return false;
        }
        if (LibMbedTls.mbedtls_ssl_set_session(ssl, session) != 0) {
            remove(key);
            return false;
        }
        return true;
    }

    /** Keeps the session {@code ssl} completed its handshake with, replacing the one for {@code key}. */
    synchronized void store(String key, Pointer ssl) {
        if (key == null || closed) {
            return;
        }
        Memory session = NativeLayout.Struct.SSL_SESSION.allocate();
        LibMbedTls.mbedtls_ssl_session_init(session);
        if (LibMbedTls.mbedtls_ssl_get_session(ssl, session) != 0) {
            free(session);
            return;
        }
        remove(key);
        sessions.put(key, session);
        if (sessions.size() > CAPACITY) {
            remove(sessions.keySet().iterator().next());
        }
    }

    synchronized void close() {
        closed = true;
        sessions.values().forEach(ClientSessions::free);
        sessions.clear();
    }

    private void remove(String key) {
        Memory old = sessions.remove(key);
        if (old != null) {
            free(old);
        }
    }

    private static void free(Memory session) {
        LibMbedTls.mbedtls_ssl_session_free(session);
        session.close();
    }
}
