package dev.meerkat.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A listener that records what a client received, for the test thread to wait on. */
final class Inbox implements MqttListener {

    final BlockingQueue<MqttMessage> messages = new LinkedBlockingQueue<>();
    final AtomicInteger connects = new AtomicInteger();
    final BlockingQueue<Throwable> losses = new LinkedBlockingQueue<>();

    @Override
    public void message(MqttMessage message) {
        messages.add(message);
    }

    @Override
    public void connected(MqttPacket.ConnAck ack) {
        connects.incrementAndGet();
    }

    @Override
    public void connectionLost(Throwable cause) {
        losses.add(cause);
    }

    /** The next message, waiting up to 10 s. */
    MqttMessage next() throws InterruptedException {
        MqttMessage m = messages.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("a message within 10 s").isNotNull();
        return m;
    }

    List<String> nextPayloads(int count) throws InterruptedException {
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            payloads.add(next().payloadText());
        }
        return payloads;
    }
}
