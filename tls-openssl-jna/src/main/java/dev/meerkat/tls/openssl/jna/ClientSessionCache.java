package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Pointer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client context's resumable sessions, one per peer ("host:port"), least recently used first out.
 * Owns one reference to each SSL_SESSION; OpenSSL's own client cache is off
 * (SSL_SESS_CACHE_NO_INTERNAL_STORE) so that this is the only place sessions live. Thread-safe.
 */
final class ClientSessionCache implements AutoCloseable {

    static final int DEFAULT_CAPACITY = 256;

    private final int capacity;
    private final Map<String, Pointer> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    ClientSessionCache(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Takes ownership of {@code session} for {@code key}; returns false (the caller keeps ownership)
     * when it is not resumable, the key is null or the cache is closed.
     */
    synchronized boolean offer(String key, Pointer session) {
        if (closed || key == null || LibSsl.SSL_SESSION_is_resumable(session) != 1) {
            return false;
        }
        free(sessions.put(key, session));
        if (sessions.size() > capacity) {
            var eldest = sessions.entrySet().iterator().next();
            sessions.remove(eldest.getKey());
            free(eldest.getValue());
        }
        return true;
    }

    /** Offers the cached session for {@code key} to {@code ssl} (SSL_set_session takes its own reference). */
    synchronized void resume(String key, Pointer ssl) {
        Pointer session = key == null ? null : sessions.get(key);
        if (session != null) {
            LibSsl.SSL_set_session(ssl, session);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        sessions.values().forEach(ClientSessionCache::free);
        sessions.clear();
    }

    private static void free(Pointer session) {
        if (session != null) {
            LibSsl.SSL_SESSION_free(session);
        }
    }
}
