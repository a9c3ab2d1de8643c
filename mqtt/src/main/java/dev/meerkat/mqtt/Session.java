package dev.meerkat.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What outlives one connection (MQTT 5.0 section 4.1): publications in flight and waiting,
 * SUBSCRIBE and UNSUBSCRIBE awaiting their acknowledgement, QoS 2 identifiers received but not
 * released, and the subscriptions the broker granted.
 */
final class Session {

    /** A SUBSCRIBE or UNSUBSCRIBE awaiting its acknowledgement. */
    record Request(MqttPacket packet, CompletableFuture<MqttPacket> done) {}

    final Map<Integer, Outgoing> inflight = new LinkedHashMap<>();
    final Deque<Outgoing> waiting = new ArrayDeque<>();
    final Map<Integer, Request> requests = new LinkedHashMap<>();
    final Set<Integer> receivedQos2 = new HashSet<>();
    final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private int lastId;

    /** The next packet identifier not in use by a publication or request in flight. */
    int nextId() {
        for (int i = 0; i < 65535; i++) {
            lastId = lastId % 65535 + 1;
            if (!inflight.containsKey(lastId) && !requests.containsKey(lastId)) {
                return lastId;
            }
        }
        throw new IllegalStateException("expected a free packet identifier but all 65535 are in flight");
    }

    /** Fails everything still pending with {@code cause} and forgets it. */
    void failAll(Throwable cause) {
        inflight.values().forEach(o -> o.done.completeExceptionally(cause));
        waiting.forEach(o -> o.done.completeExceptionally(cause));
        requests.values().forEach(r -> r.done.completeExceptionally(cause));
        inflight.clear();
        waiting.clear();
        requests.clear();
    }
}
