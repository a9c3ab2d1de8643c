package dev.meerkat.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request body produced as the connection takes it, for bodies too large to hold or not there
 * yet: a file ({@link #of(Path)}), a stream ({@link #of(InputStream, long)}) or your own producer.
 * {@link #produce} runs on the manager's thread whenever the connection can take more; it writes
 * into the sink until {@link BodySink#write} returns false (called again when there is room), the
 * body is whole ({@link BodySink#end()}), or it has nothing now (then call {@link BodySink#ready()}
 * when it has). A body of unknown length ({@code length() < 0}) is sent chunked.
 *
 * <pre>{@code
 * HttpClientRequest.builder("PUT", url).body(RequestBody.of(Path.of("big.iso"))).build();
 * }</pre>
 */
public interface RequestBody {

    /**
     * The body's length, sent as Content-Length.
     *
     * @return the length in bytes, or -1 when unknown: the body is sent chunked
     */
    long length();

    /**
     * True when the body can be sent again from its start ({@link BodySink#written()} is 0 again):
     * after a stale pooled connection, or to follow a 307 or 308.
     *
     * @return true when {@link #produce} may start over
     */
    boolean replayable();

    /**
     * Writes what the connection can take now, on the manager's thread. It must not block for long:
     * the loop serves every other connection meanwhile.
     *
     * @param sink where the body goes; {@link BodySink#written()} says where to go on from
     * @throws IOException when the body cannot be read; it fails the exchange with
     *                     {@link HttpClientException.Kind#REQUEST_BODY}, as any other exception does
     */
    void produce(BodySink sink) throws IOException;

    /**
     * The file's bytes, read as they are sent; replayable. The length is the file's size now.
     *
     * @param file a regular file; it is opened at each {@link #produce} call
     * @return the body
     * @throws IOException when the file's size cannot be read
     */
    static RequestBody of(Path file) throws IOException {
        long size = Files.size(file);
        return new RequestBody() {
            @Override
            public long length() {
                return size;
            }

            @Override
            public boolean replayable() {
                return true;
            }

            @Override
            public void produce(BodySink sink) throws IOException {
                try (FileChannel channel = FileChannel.open(file)) {
                    ByteBuffer piece = ByteBuffer.allocate(64 * 1024);
                    do {
                        piece.clear();
                        if (channel.read(piece, sink.written()) < 0) {
                            sink.end();
                            return;
                        }
                    } while (sink.write(piece.flip()));
                }
            }
        };
    }

    /**
     * The bytes of {@code in} up to its end, {@code length} of them (-1: unknown, sent chunked);
     * read on the manager's thread, so give it a stream that does not block for long (a file, bytes
     * in memory). Sent once: not replayable. The stream is closed at its end.
     *
     * @param in     the stream to send
     * @param length the number of bytes it holds, or -1 when unknown
     * @return the body
     */
    static RequestBody of(InputStream in, long length) {
        return new RequestBody() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public boolean replayable() {
                return false;
            }

            @Override
            public void produce(BodySink sink) throws IOException {
                byte[] piece = new byte[64 * 1024];
                int count;
                do {
                    count = in.read(piece);
                    if (count < 0) {
                        in.close();
                        sink.end();
                        return;
                    }
                } while (sink.write(ByteBuffer.wrap(piece, 0, count)));
            }
        };
    }
}
