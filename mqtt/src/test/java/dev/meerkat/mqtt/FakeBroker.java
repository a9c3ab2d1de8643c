package dev.meerkat.mqtt;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Manager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted broker on a Meerkat listener (127.0.0.1, a free port) for flows mosquitto cannot be
 * made to show on purpose: a connection lost with messages in flight, a refused SUBACK, garbage.
 * It records every packet with the number of the connection (1 for the first) that carried it.
 */
final class FakeBroker {

    /** What the script sees: the connection's number, and a way to answer on it. */
    record Peer(int number, Connection connection) {
        void send(MqttPacket packet) {
            connection.send(MqttEncoder.encode(packet, MqttVersion.V5));
        }
    }

    record Received(int connection, MqttPacket packet) {}

    interface Script {
        void on(Peer peer, MqttPacket packet);
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Connection listener;
    private int connections;

    FakeBroker(Manager manager, Script script) {
        listener = manager.listen("tcp://127.0.0.1:0", (c, event) -> {
            if (event instanceof Event.Accept) {
                c.attach(new Object[] {new Peer(++connections, c), new MqttParser(MqttVersion.V5, 1 << 16)});
            } else if (event instanceof Event.Read read) {
                Object[] state = (Object[]) c.attachment();
                Peer peer = (Peer) state[0];
                try {
                    for (MqttPacket p : ((MqttParser) state[1]).feed(read.data())) {
                        received.add(new Received(peer.number(), p));
                        script.on(peer, p);
                    }
                } catch (MqttProtocolException e) {
                    c.close();
                }
            }
        });
    }

    /** Waits up to 10 s until a packet matching {@code condition} arrived on connection {@code number}. */
    void awaitReceived(int number, java.util.function.Predicate<MqttPacket> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (received.stream().noneMatch(r -> r.connection() == number && condition.test(r.packet()))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + what + " on connection " + number + " within 10 s but got "
                        + received);
            }
            Thread.sleep(10);
        }
    }

    String url() {
        return "mqtt://127.0.0.1:" + listener.localAddress().getPort();
    }

    /** Accepts every CONNECT; the session is present from the second connection on. */
    static boolean accept(Peer peer, MqttPacket packet) {
        if (packet instanceof MqttPacket.Connect) {
            peer.send(new MqttPacket.ConnAck(peer.number() > 1, 0, MqttProperties.EMPTY));
            return true;
        }
        return false;
    }
}
