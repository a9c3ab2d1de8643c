package dev.meerkat.mqtt;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Timer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One TCP or TLS connection of an {@link MqttClient}: sends CONNECT once the transport is up, parses
 * what the broker sends and hands each packet to the client, pings at the keep-alive interval.
 */
final class MqttLink implements Handler {

    private static final Object CONNACK_TIMEOUT = "connack timeout";
    private static final Object KEEP_ALIVE = "keep-alive";

    private final MqttClient client;
    private final MqttVersion version;
    private final MqttParser parser;
    private Connection connection;
    private Timer connAckTimer;
    private Duration keepAlive = Duration.ZERO;
    private boolean awaitingPong;
    private @Nullable Throwable failure;

    private MqttLink(MqttClient client, MqttClientOptions options) {
        this.client = client;
        this.version = options.version();
        this.parser = new MqttParser(options.version(), options.maxPacketSize());
    }

    static MqttLink open(MqttClient client, MqttClientOptions options) {
        MqttLink link = new MqttLink(client, options);
        link.connection = client.manager().connect(MqttClientOptions.transportUrl(options.url()),
                options.connection().withHandshakeTimeout(options.connectTimeout()), link);
        link.connAckTimer = link.connection.timer(options.connectTimeout(), null, CONNACK_TIMEOUT);
        return link;
    }

    void send(MqttPacket packet) {
        if (!connection.send(MqttEncoder.encode(packet, version))) {
            fail("cannot queue " + packet.name() + ": " + connection.queuedBytes() + " bytes wait to be sent");
        }
    }

    boolean isWritable() {
        return connection.isWritable();
    }

    /** CONNACK accepted: the connect timeout ends, pings start every {@code interval} (zero: never). */
    void accepted(Duration interval) {
        connAckTimer.cancel();
        keepAlive = interval;
        if (!interval.isZero()) {
            connection.timer(interval, interval, KEEP_ALIVE);
        }
    }

    void pong() {
        awaitingPong = false;
    }

    /** Sends DISCONNECT and closes once it left. */
    void disconnect() {
        send(new MqttPacket.Disconnect(0, MqttProperties.EMPTY));
        connection.closeAfterFlush();
    }

    void close() {
        connection.close();
    }

    /** Closes with {@code why} as the cause the client sees. */
    void fail(String why) {
        fail(new MqttException(this + ": " + why, 0, null));
    }

    void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        connection.close();
    }

    @Override
    public void handle(Connection c, Event event) {
        if (event instanceof Event.Read read) {
            onRead(read.data());
        } else if (event instanceof Event.Write || event instanceof Event.Writability) {
            client.pump(this);
        } else if (event instanceof Event.Connect && !c.isTls() || event instanceof Event.TlsHandshake) {
            send(client.connectPacket());
        } else if (event instanceof Event.Timer t) {
            onTimer(t.tag());
        } else if (event instanceof Event.Error error) {
            failure = failure != null ? failure : error.cause();
        } else if (event instanceof Event.Close close) {
            Throwable cause = failure != null ? failure : close.cause();
            client.linkClosed(this, cause != null ? cause
                    : new MqttException(this + ": the connection closed (" + close.reason() + ")", 0, null));
        }
    }

    /** The packets before a malformed one are delivered first, however the reads split them. */
    private void onRead(ByteBuffer data) {
        try {
            deliver(parser.feed(data));
        } catch (MqttProtocolException e) {
            deliver(e.packetsBefore());
            fail(new MqttException(this + ": malformed packet from the broker: " + e.getMessage(), 0x81, e));
        }
    }

    private void deliver(List<MqttPacket> packets) {
        for (MqttPacket packet : packets) {
            if (connection.isClosing()) {
                return;
            }
            client.received(this, packet);
        }
    }

    private void onTimer(Object tag) {
        if (tag == CONNACK_TIMEOUT) {
            fail("no CONNACK within " + client.options().connectTimeout().toMillis() + " ms");
        } else if (awaitingPong) {
            fail("no PINGRESP within the keep-alive of " + keepAlive.toSeconds() + " s");
        } else {
            awaitingPong = true;
            send(new MqttPacket.PingReq());
        }
    }

    @Override
    public String toString() {
        return "mqtt connection " + connection.id() + " to " + client.options().url();
    }
}
