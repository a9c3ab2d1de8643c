package dev.meerkat.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Writes a response body into a channel as it arrives, for {@link HttpClient#send(HttpClientRequest,
 * WritableByteChannel)}: nothing is held, so no body limit applies. The future's response has an
 * empty body; after a failure the channel has every byte that arrived, and the exception says how
 * many. The channel is written on the manager's thread (a file is fast; a slow sink wants a
 * {@link ResponseListener} that pauses its call).
 */
final class ChannelSink extends ResponseFuture {

    private final WritableByteChannel channel;
    private final boolean closeAtEnd;
    private HttpCall call;

    /** {@code closeAtEnd}: the sink opened the channel (a file) and closes it when the exchange ends. */
    ChannelSink(WritableByteChannel channel, boolean closeAtEnd) {
        this.channel = channel;
        this.closeAtEnd = closeAtEnd;
    }

    @Override
    public void onStart(HttpCall c) {
        call = c;
    }

    @Override
    public void onBody(BodyChunk chunk) {
        ByteBuffer data = chunk.data();
        try {
            while (data.hasRemaining()) {
                channel.write(data);
            }
        } catch (IOException e) {
            call.fail(new HttpClientException(HttpClientException.Kind.SINK, call + ": the sink refused the body: "
                    + e.getMessage(), e));
        }
    }

    @Override
    public void onEnd(MessageEnd end) {
        close();
        complete(end, new byte[0]);
    }

    @Override
    public void onFailure(HttpClientException failure) {
        close();
        fail(failure, new byte[0]);
    }

    private void close() {
        if (!closeAtEnd) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // The bytes were written; a failed close loses nothing more that the caller could act on.
        }
    }
}
