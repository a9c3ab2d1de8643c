package dev.meerkat.mqtt;

import dev.meerkat.Manager;
import dev.meerkat.Timer;
import dev.meerkat.mqtt.MqttPacket.ConnAck;
import dev.meerkat.mqtt.MqttPacket.PubAck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An MQTT 3.1.1 or 5.0 client on a {@link Manager}. Publications wait in the session while the
 * window of {@link MqttClientOptions#maxInflight()} unacknowledged QoS 1 and 2 messages is full
 * or the connection is down; after a lost connection the client reconnects with backoff and
 * resends what was in flight (DUP set; PUBREL for QoS 2 messages the broker already received) and,
 * when the broker kept no session, its subscriptions. Public methods may be called from any thread;
 * futures complete and the listener runs on the manager's thread.
 *
 * <pre>{@code
 * MqttClient client = new MqttClient(manager, MqttClientOptions.builder("mqtt://127.0.0.1").build(),
 *         m -> System.out.println(m.topic() + " " + m.payloadText()));
 * client.connect().get();
 * client.subscribe(new Subscription("sensors/+/temp", 1)).get();
 * client.publish(MqttMessage.text("sensors/kitchen/temp", "21.5", 1)).get();
 * }</pre>
 */
public final class MqttClient implements AutoCloseable {

    private final Manager manager;
    private final MqttClientOptions options;
    private final MqttListener listener;
    private final Session session = new Session();
    private final Backoff backoff;
    private final CompletableFuture<ConnAck> firstConnect = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private @Nullable MqttLink link;
    private boolean connected;
    private boolean everConnected;
    /** disconnect() or abort() was called: no reconnect. */
    private boolean stopRequested;
    /** Stopped for good: pending operations failed, new ones fail at once. */
    private boolean finished;
    private int window;
    private @Nullable Timer reconnectTimer;

    /**
     * A client that has not connected yet; {@link #connect()} starts.
     *
     * @param manager the event loop the client runs on; its thread completes the futures and calls
     *     the listener
     * @param options the broker, session and reconnect settings
     * @param listener receives messages and connection changes
     * @throws NullPointerException if an argument is null
     */
    public MqttClient(Manager manager, MqttClientOptions options, MqttListener listener) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.backoff = new Backoff(options.minBackoff(), options.maxBackoff());
    }

    /**
     * Connects. Only the first attempt is this future's: reconnects after it report through
     * {@link MqttListener#connected}. Calling it again returns the same future.
     *
     * @return completes with the first CONNACK, or fails with an {@link MqttException} when the first
     *     attempt fails (no retry): the broker refused it (its reason code), the connection or
     *     {@link MqttClientOptions#connectTimeout()} ran out, or the client was stopped
     */
    public CompletableFuture<ConnAck> connect() {
        manager.execute(() -> {
            if (link == null && !stopRequested && !finished && !firstConnect.isDone()) {
                link = MqttLink.open(this, options);
            }
        });
        return firstConnect;
    }

    /**
     * Publishes {@code message}. It waits in the session while the in-flight window is full or the
     * connection is down, and is resent after a reconnect until acknowledged.
     *
     * @param message the message; its topic must be a valid topic name
     * @return completes at QoS 0 when written, at 1 on PUBACK, at 2 on PUBCOMP; fails with an
     *     {@link MqttException} when the broker refuses it (its reason code) or the client stops first
     * @throws IllegalArgumentException if the topic is empty or holds a wildcard or U+0000
     */
    public CompletableFuture<Void> publish(MqttMessage message) {
        Topics.checkName(message.topic());
        Outgoing outgoing = new Outgoing(message);
        manager.execute(() -> {
            if (stopRequested || finished) {
                outgoing.done.completeExceptionally(stoppedFailure());
            } else {
                session.waiting.add(outgoing);
                pump(link);
            }
        });
        return outgoing.done;
    }

    /**
     * Subscribes to one or more filters in one SUBSCRIBE. After a reconnect to a broker that kept no
     * session the client subscribes again by itself.
     *
     * @param subscriptions the filters and their options (each checked when made)
     * @return completes with the SUBACK, one reason code per filter (the granted QoS); fails with an
     *     {@link MqttException} carrying the reason code when the broker refuses any of the filters,
     *     or when the client stops first
     */
    public CompletableFuture<MqttPacket.SubAck> subscribe(Subscription... subscriptions) {
        List<Subscription> list = List.of(subscriptions);
        return request(id -> new MqttPacket.Subscribe(id, list, MqttProperties.EMPTY)).thenApply(p -> (MqttPacket.SubAck) p);
    }

    /**
     * Unsubscribes from one or more filters in one UNSUBSCRIBE.
     *
     * @param filters the filters, as subscribed
     * @return completes with the UNSUBACK (on 3.1.1 without reason codes); fails with an
     *     {@link MqttException} carrying the reason code when the broker refuses any of them, or when
     *     the client stops first
     * @throws IllegalArgumentException if a filter is not a valid topic filter
     */
    public CompletableFuture<MqttPacket.UnsubAck> unsubscribe(String... filters) {
        List<String> list = List.of(filters);
        list.forEach(Topics::checkFilter);
        return request(id -> new MqttPacket.Unsubscribe(id, list, MqttProperties.EMPTY))
                .thenApply(p -> (MqttPacket.UnsubAck) p);
    }

    /**
     * Sends DISCONNECT (the broker drops the will) and closes; pending operations fail with an
     * {@link MqttException}, and so do later ones. The client does not reconnect.
     *
     * @return completes on the manager's thread once the client has stopped
     */
    public CompletableFuture<Void> disconnect() {
        manager.execute(() -> stop(true));
        return stopped;
    }

    /** Closes the connection without DISCONNECT, as a crash would: the broker publishes the will. */
    public void abort() {
        manager.execute(() -> stop(false));
    }

    /** {@link #disconnect()}, without waiting. */
    @Override
    public void close() {
        disconnect();
    }

    MqttClientOptions options() {
        return options;
    }

    Manager manager() {
        return manager;
    }

    MqttPacket.Connect connectPacket() {
        MqttProperties properties = options.connectProperties();
        if (options.version() == MqttVersion.V5) {
            properties = properties.with(MqttProperties.MAXIMUM_PACKET_SIZE, (long) options.maxPacketSize());
            if (options.sessionExpirySeconds() > 0) {
                properties = properties.with(MqttProperties.SESSION_EXPIRY_INTERVAL, options.sessionExpirySeconds());
            }
        }
        byte[] password = options.password();
        return new MqttPacket.Connect(options.version(), options.clientId(), options.cleanStart(),
                (int) options.keepAlive().toSeconds(), options.username(), password, options.will(), properties);
    }

    /** Sends waiting publications while connected, writable and within the window. */
    void pump(MqttLink from) {
        while (connected && from == link && link.isWritable() && !session.waiting.isEmpty()) {
            Outgoing next = session.waiting.peek();
            if (next.message.qos() > 0 && session.inflight.size() >= window) {
                return;
            }
            session.waiting.poll();
            if (next.message.qos() > 0) {
                next.packetId = session.nextId();
                session.inflight.put(next.packetId, next);
            }
            link.send(next.packet(false));
            if (next.message.qos() == 0) {
                next.done.complete(null);
            }
        }
    }

    void received(MqttLink from, MqttPacket packet) {
        if (from != link) {
            return;
        }
        if (packet instanceof MqttPacket.Publish p) {
            deliver(p);
        } else if (packet instanceof PubAck a) {
            acknowledged(a);
        } else if (packet instanceof ConnAck a) {
            connAck(a);
        } else if (packet instanceof MqttPacket.SubAck || packet instanceof MqttPacket.UnsubAck) {
            requestAcknowledged(packet);
        } else if (packet instanceof MqttPacket.PingResp) {
            link.pong();
        } else if (packet instanceof MqttPacket.Disconnect d) {
            link.fail(new MqttException(link + ": the broker disconnected: " + ReasonCodes.describe(d.reasonCode(), false)
                    + reasonString(d.properties()), d.reasonCode(), null));
        } else {
            link.fail("expected a packet a broker sends but got " + packet.name());
        }
    }

    void linkClosed(MqttLink from, Throwable cause) {
        if (from != link) {
            return;
        }
        link = null;
        connected = false;
        if (stopRequested || !everConnected || !options.reconnect()) {
            finish(cause);
            return;
        }
        listener.connectionLost(cause);
        Duration delay = backoff.next();
        reconnectTimer = manager.schedule(delay, null, () -> {
            reconnectTimer = null;
            if (!stopRequested) {
                link = MqttLink.open(this, options);
            }
        });
    }

    private void connAck(ConnAck ack) {
        boolean v3 = options.version() == MqttVersion.V3_1_1;
        if (ReasonCodes.isFailure(ack.reasonCode(), v3)) {
            MqttException refused = new MqttException(link + ": the broker refused the connection: "
                    + ReasonCodes.describe(ack.reasonCode(), v3) + reasonString(ack.properties()), ack.reasonCode(), null);
            firstConnect.completeExceptionally(refused);
            link.fail(refused);
            return;
        }
        boolean reconnect = everConnected;
        if (!ack.sessionPresent()) {
            session.receivedQos2.clear(); // the broker forgot them too: a new message may reuse an identifier
        }
        connected = true;
        everConnected = true;
        backoff.reset();
        window = (int) Math.min(options.maxInflight(), ack.properties().number(MqttProperties.RECEIVE_MAXIMUM, 65535));
        long serverKeepAlive = ack.properties().number(MqttProperties.SERVER_KEEP_ALIVE, options.keepAlive().toSeconds());
        link.accepted(Duration.ofSeconds(serverKeepAlive));
        resend(reconnect && !ack.sessionPresent());
        listener.connected(ack);
        firstConnect.complete(ack);
        pump(link);
    }

    /** After a reconnect: what was in flight goes again, and the subscriptions when the broker lost them. */
    private void resend(boolean resubscribe) {
        session.inflight.values().forEach(o -> link.send(o.packet(true)));
        session.requests.values().forEach(r -> link.send(r.packet()));
        if (resubscribe && !session.subscriptions.isEmpty()) {
            List<Subscription> all = new ArrayList<>(session.subscriptions.values());
            request(id -> new MqttPacket.Subscribe(id, all, MqttProperties.EMPTY));
        }
    }

    private void deliver(MqttPacket.Publish p) {
        int qos = p.message().qos();
        if (qos < 2 || session.receivedQos2.add(p.packetId())) {
            listener.message(p.message());
        }
        if (qos > 0) {
            link.send(new PubAck(qos == 1 ? PubAck.Kind.PUBACK : PubAck.Kind.PUBREC, p.packetId(), 0, MqttProperties.EMPTY));
        }
    }

    private void acknowledged(PubAck a) {
        if (a.kind() == PubAck.Kind.PUBREL) {
            session.receivedQos2.remove(a.packetId());
            link.send(new PubAck(PubAck.Kind.PUBCOMP, a.packetId(), 0, MqttProperties.EMPTY));
            return;
        }
        Outgoing o = session.inflight.get(a.packetId());
        if (o == null) {
            return; // a late acknowledgement of a resent message: the first one settled it
        }
        if (ReasonCodes.isFailure(a.reasonCode(), false)) {
            session.inflight.remove(a.packetId());
            o.done.completeExceptionally(new MqttException(a.name() + " " + a.packetId() + " refused the publication to "
                    + o.message.topic() + ": " + ReasonCodes.describe(a.reasonCode(), false) + reasonString(a.properties()),
                    a.reasonCode(), null));
        } else if (a.kind() == PubAck.Kind.PUBREC) {
            o.released = true;
            link.send(o.packet(false));
            return;
        } else {
            session.inflight.remove(a.packetId());
            o.done.complete(null);
        }
        pump(link);
    }

    private CompletableFuture<MqttPacket> request(java.util.function.IntFunction<MqttPacket> packet) {
        CompletableFuture<MqttPacket> done = new CompletableFuture<>();
        manager.execute(() -> {
            if (stopRequested || finished) {
                done.completeExceptionally(stoppedFailure());
                return;
            }
            int id = session.nextId();
            Session.Request r = new Session.Request(packet.apply(id), done);
            session.requests.put(id, r);
            if (connected) {
                link.send(r.packet());
            }
        });
        return done;
    }

    private void requestAcknowledged(MqttPacket ack) {
        boolean sub = ack instanceof MqttPacket.SubAck;
        int id = sub ? ((MqttPacket.SubAck) ack).packetId() : ((MqttPacket.UnsubAck) ack).packetId();
        List<Integer> codes = sub ? ((MqttPacket.SubAck) ack).reasonCodes() : ((MqttPacket.UnsubAck) ack).reasonCodes();
        Session.Request r = session.requests.remove(id);
        if (r == null) {
            return;
        }
        int refused = codes.stream().filter(c -> c >= 0x80).findFirst().orElse(-1);
        if (refused >= 0) {
            r.done().completeExceptionally(new MqttException(r.packet().name() + " " + id + " was refused: "
                    + ReasonCodes.describe(refused, false) + " (reason codes " + codes + ")", refused, null));
            return;
        }
        if (r.packet() instanceof MqttPacket.Subscribe s) {
            s.subscriptions().forEach(x -> session.subscriptions.put(x.filter(), x));
        } else {
            ((MqttPacket.Unsubscribe) r.packet()).filters().forEach(session.subscriptions::remove);
        }
        r.done().complete(ack);
    }

    private void stop(boolean graceful) {
        if (stopRequested || finished) {
            return;
        }
        stopRequested = true;
        if (reconnectTimer != null) {
            reconnectTimer.cancel();
        }
        if (link == null) {
            finish(null);
        } else if (graceful && connected) {
            link.disconnect();
        } else {
            link.close();
        }
    }

    private void finish(@Nullable Throwable cause) {
        finished = true;
        MqttException failure = new MqttException("the MQTT client of " + options.url() + " stopped"
                + (cause != null ? ": " + cause.getMessage() : ""), 0, cause);
        firstConnect.completeExceptionally(failure);
        session.failAll(failure);
        stopped.complete(null);
        if (everConnected && !stopRequested && cause != null) {
            listener.connectionLost(cause);
        }
    }

    private MqttException stoppedFailure() {
        return new MqttException("the MQTT client of " + options.url() + " is stopped", 0, null);
    }

    private static String reasonString(MqttProperties properties) {
        Object reason = properties.get(MqttProperties.REASON_STRING);
        return reason != null ? " (" + reason + ")" : "";
    }
}
