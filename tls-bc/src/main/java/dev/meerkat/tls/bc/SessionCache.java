package dev.meerkat.tls.bc;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.tls.TlsSession;

/**
 * A small LRU of resumable TLS 1.2 sessions, bounded in count and age (RFC 5246 appendix F.1.4
 * suggests at most 24 hours; we keep one hour, like many servers). Thread-safe: engines of one
 * context share it.
 */
final class SessionCache {

    static final int CAPACITY = 1024;
    static final long MAX_AGE_NANOS = 3_600_000_000_000L;

    private record Entry(TlsSession session, long createdNanos) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        // Qualified: in this body the simple name Entry can mean the inherited Map.Entry, and
        // javac 25 reads it so and refuses the override (javac 17 took the record).
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SessionCache.Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void put(String key, TlsSession session) {
        if (session != null && session.isResumable()) {
            entries.put(key, new Entry(session, System.nanoTime()));
        }
    }

    /** The session for {@code key} if it is still resumable and young enough, else null. */
    synchronized TlsSession get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (!entry.session().isResumable() || System.nanoTime() - entry.createdNanos() > MAX_AGE_NANOS) {
            entries.remove(key);
            return null;
        }
        return entry.session();
    }

    synchronized void clear() {
        entries.clear();
    }
}
