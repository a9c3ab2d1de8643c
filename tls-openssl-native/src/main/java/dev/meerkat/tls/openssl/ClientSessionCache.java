package dev.meerkat.tls.openssl;

import io.netty.internal.tcnative.SSL;
import io.netty.internal.tcnative.SSLSession;
import io.netty.internal.tcnative.SSLSessionCache;
import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A client context's resumable sessions, one per peer ("host:port"), least recently used first out.
 * BoringSSL hands each new session to {@link #sessionCreated} (SSL_CTX_sess_set_new_cb through
 * tcnative): at the end of a TLS 1.2 handshake, and for each TLS 1.3 NewSessionTicket read after it.
 * BoringSSL never keeps client sessions in its internal cache, so this is the only place they live.
 *
 * <p>Ownership: the cache owns one reference to each SSL_SESSION it holds and frees it exactly once,
 * when it is replaced, evicted, found expired, used up (single-use TLS 1.3 tickets), forgotten after a
 * failure, or when the cache closes. SSL_set_session takes a reference of its own, so an engine
 * resuming a session never depends on the cache keeping it. Thread-safe: callbacks come from
 * whichever thread drives an engine; they never throw, since a Java exception left pending across
 * the JNI boundary would escape from the unrelated native call that ran the handshake.
 */
final class ClientSessionCache implements SSLSessionCache {

    static final int CAPACITY = 256;
    /** tcnative's getSession: "no session" (only a server's session-id lookup ever asks). */
    private static final long NO_SESSION = -1;
    private static final System.Logger LOG = System.getLogger(ClientSessionCache.class.getName());

    private final LongFunction<String> peerOfSsl;
    private final Map<String, Long> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    /** {@code peerOfSsl} names the peer an SSL connects to, or null when its sessions are not kept. */
    ClientSessionCache(LongFunction<String> peerOfSsl) {
        this.peerOfSsl = peerOfSsl;
    }

    /** Returns true when the cache took ownership of {@code session}; else BoringSSL frees it. */
    @Override
    public boolean sessionCreated(long ssl, long session) {
        try {
            return offer(peerOfSsl.apply(ssl), session);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not keep a new TLS session; the next connection does a full handshake", e);
            return false;
        }
    }

    @Override
    public long getSession(long ssl, byte[] sessionId) {
        return NO_SESSION;
    }

    private synchronized boolean offer(String peer, long session) {
        if (closed || peer == null) {
            return false;
        }
        free(sessions.put(peer, session));
        if (sessions.size() > CAPACITY) {
            Iterator<Long> eldest = sessions.values().iterator();
            free(eldest.next());
            eldest.remove();
        }
        return true;
    }

    /**
     * Offers {@code peer}'s session, if any and not expired, to {@code ssl} before its handshake. A
     * TLS 1.3 ticket is used once: RFC 8446 appendix C.4 (reuse lets observers link connections).
     */
    synchronized void resume(String peer, long ssl) {
        Long session = peer == null ? null : sessions.get(peer);
        if (session == null) {
            return;
        }
        if (isExpired(session)) {
            forget(peer);
            return;
        }
        SSL.setSession(ssl, session);
        if (SSLSession.shouldBeSingleUse(session)) {
            forget(peer);
        }
    }

    /** Drops {@code peer}'s session, e.g. after a connection to it failed. */
    synchronized void forget(String peer) {
        if (peer != null) {
            free(sessions.remove(peer));
        }
    }

    synchronized int size() {
        return sessions.size();
    }

    /** Frees every session; later sessions are left to BoringSSL to free. */
    synchronized void close() {
        closed = true;
        sessions.values().forEach(ClientSessionCache::free);
        sessions.clear();
    }

    /** SSL_SESSION_get_time and get_timeout are in seconds. */
    private static boolean isExpired(long session) {
        long now = System.currentTimeMillis() / 1000;
        return SSLSession.getTime(session) + SSLSession.getTimeout(session) <= now;
    }

    private static void free(Long session) {
        if (session != null) {
            SSLSession.free(session);
        }
    }
}
