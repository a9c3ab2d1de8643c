package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Outbox#addResponse} on one keep-alive connection: responses of every size, staged (small),
 * larger than the staging buffer but within one piece, and larger than a piece, asked for many at a
 * time so that most of them queue behind a small send limit, then asked for again once the queue has
 * drained. Every byte must arrive once and in order.
 */
class OutboxTest {

    /** One round of requests, written at once: each letter asks for one response of that size. */
    private static final String ROUND = "SLSMSSLMMLSS";

    /** Body sizes by request letter: staged, larger than the staging buffer, larger than a 64 KiB piece. */
    private static int bodySize(char kind) {
        return switch (kind) {
            case 'S' -> 100;
            case 'M' -> 30_000;
            case 'L' -> 150_000;
            default -> throw new IllegalArgumentException("expected S, M or L but was " + kind);
        };
    }

    @Test
    void largeAndSmallResponsesInterleavedArriveWholeAndInOrder() throws Exception {
        Options small = Options.defaults().withSendLimit(16 * 1024).withWriteWatermarks(2 * 1024, 8 * 1024);
        try (Manager manager = new Manager()) {
            Connection listener = manager.listen("tcp://127.0.0.1:0", small, new Answering());
            manager.start();
            try (RawClient client = new RawClient(listener.localAddress().getPort())) {
                int number = 0;
                for (int round = 0; round < 3; round++) {
                    client.write(ROUND);
                    for (char kind : ROUND.toCharArray()) {
                        assertResponse(client, number++, kind);
                    }
                }
                assertThat(client.available()).isEmpty();
            }
        }
    }

    /** Reads one response and checks it is the {@code number}th, of {@code kind}'s size, body intact. */
    private static void assertResponse(RawClient client, int number, char kind) throws IOException {
        String head = client.readUntil("\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 200 OK\r\nX-Number: " + number + "\r\nContent-Length: "
                + bodySize(kind) + "\r\n").containsPattern("\r\nDate: [^\r\n]+ GMT\r\n\r\n$");
        byte[] body = client.input().readNBytes(bodySize(kind));
        assertThat(body).as("body of response %d (%s)", number, kind).isEqualTo(body(number, kind));
    }

    /** Bytes that differ from response to response and along each body. */
    private static byte[] body(int number, char kind) {
        byte[] body = new byte[bodySize(kind)];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + (number * 7 + i) % 26);
        }
        return body;
    }

    /** Answers each request letter with addResponse, as a cached file's answer goes out. */
    private static final class Answering implements Handler {
        private Outbox outbox;
        private int number;

        @Override
        public void handle(Connection connection, Event event) {
            if (event instanceof Event.Accept) {
                outbox = new Outbox(connection);
            } else if (event instanceof Event.Read read) {
                ByteBuffer data = read.data();
                while (data.hasRemaining()) {
                    char kind = (char) data.get();
                    byte[] head = ("HTTP/1.1 200 OK\r\nX-Number: " + number + "\r\nContent-Length: " + bodySize(kind)
                            + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                    byte[] body = body(number++, kind);
                    outbox.addResponse(head, new byte[0], body);
                    // The caller's arrays are its own again once the call returns.
                    Arrays.fill(body, (byte) '!');
                }
            } else if (event instanceof Event.Write || event instanceof Event.Writability) {
                outbox.pump();
            } else if (event instanceof Event.Close && outbox != null) {
                outbox.release();
            }
        }
    }
}
