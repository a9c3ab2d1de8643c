package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * What receiving a large message costs the heap: a message of one frame must take about its own size
 * (issue 8, case E: an 8 MiB message once took about 25 MB, growing by doubling then trimming).
 */
class MessageMemoryTest {

    private static final int MESSAGE = 8 * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;
    /** Room for the parser's small objects (headers, buffer views), far below a second copy. */
    private static final long SLACK = 64 * 1024;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aSingleFrameMessageAllocatesItsSizeOnce() throws Exception {
        byte[] frame = Frames.frame(true, Opcode.BINARY, new byte[MESSAGE], true);
        FrameParser parser = new FrameParser(true, 16 * 1024 * 1024, Frames.NO_BUDGET);

        long before = allocated();
        Received received = parseInChunks(parser, frame);
        long cost = allocated() - before;

        assertThat(received.payload()).hasSize(MESSAGE);
        assertThat(cost).as("bytes allocated to receive %d bytes", MESSAGE).isLessThan(MESSAGE + SLACK);
    }

    private long allocated() {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Feeds {@code frame} in pieces as the loop's reads would, returning the one message it holds. */
    private static Received parseInChunks(FrameParser parser, byte[] frame) throws WsProtocolException {
        Received result = null;
        for (int offset = 0; offset < frame.length; offset += CHUNK) {
            ByteBuffer in = ByteBuffer.wrap(frame, offset, Math.min(CHUNK, frame.length - offset));
            Received r = parser.next(in);
            result = r == null ? result : r;
        }
        return result;
    }
}
