package dev.meerkat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The streams of a {@link BlockingConnection}. Not {@link java.nio.channels.Channels#newInputStream}:
 * its streams hold a monitor while they block, which pins a virtual thread to its carrier on JDK 21.
 */
final class ChannelStreams {

    private ChannelStreams() {
    }

    static final class In extends InputStream {
        private final BlockingConnection channel;

        In(BlockingConnection channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void close() {
            channel.close();
        }
    }

    static final class Out extends OutputStream {
        private final BlockingConnection channel;

        Out(BlockingConnection channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            channel.write(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void flush() throws IOException {
            channel.flush();
        }

        @Override
        public void close() {
            channel.close();
        }
    }
}
