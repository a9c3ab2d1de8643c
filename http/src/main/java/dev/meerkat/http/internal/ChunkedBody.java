package dev.meerkat.http.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpLimits;
import dev.meerkat.http.HttpPart;
import dev.meerkat.http.MessageEnd;
import java.nio.ByteBuffer;

/**
 * The chunked transfer coding (RFC 9112 §7.1): size lines (extensions ignored), data, CRLF, and a
 * trailer section after the last chunk. Sizes that overflow a long are rejected.
 */
public final class ChunkedBody implements BodyDecoder {

    private enum State { SIZE, DATA, DATA_CRLF, TRAILERS }

    private final LineReader lines;
    private final int maxSizeLine;
    private final FieldSection trailers;
    private State state = State.SIZE;
    private long remaining;

    public ChunkedBody(LineReader lines, HttpLimits limits) {
        this.lines = lines;
        this.maxSizeLine = limits.maxChunkLineLength();
        this.trailers = new FieldSection(lines, limits.maxHeaderCount(), limits.maxHeaderBytes(), "trailer");
    }

    @Override
    public HttpPart next(ByteBuffer in) throws SyntaxError {
        while (true) {
            switch (state) {
                case SIZE -> {
                    if (!readSize(in)) {
                        return null;
                    }
                }
                case DATA -> {
                    return data(in);
                }
                case DATA_CRLF -> {
                    if (!readDataEnd(in)) {
                        return null;
                    }
                }
                case TRAILERS -> {
                    Headers fields = trailers.read(in);
                    return fields == null ? null : MessageEnd.completed(fields);
                }
            }
        }
    }

    @Override
    public MessageEnd endOfInput(CloseReason reason) {
        return new MessageEnd(Headers.empty(), false, reason);
    }

    private boolean readSize(ByteBuffer in) throws SyntaxError {
        String line = lines.read(in, maxSizeLine, 400, "chunk size line");
        if (line == null) {
            return false;
        }
        remaining = ChunkSize.parse(line);
        state = remaining == 0 ? State.TRAILERS : State.DATA;
        return true;
    }

    private HttpPart data(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return null;
        }
        int n = (int) Math.min(remaining, in.remaining());
        remaining -= n;
        if (remaining == 0) {
            state = State.DATA_CRLF;
        }
        return Slices.take(in, n);
    }

    private boolean readDataEnd(ByteBuffer in) throws SyntaxError {
        int p = in.position();
        if (in.remaining() >= 1 && in.get(p) != '\r') {
            throw SyntaxError.badRequest("expected CRLF after chunk data but was " + Ascii.hex(in.get(p)));
        }
        if (in.remaining() < 2) {
            return false;
        }
        if (in.get(p + 1) != '\n') {
            throw SyntaxError.badRequest("expected LF after chunk data CR but was " + Ascii.hex(in.get(p + 1)));
        }
        in.position(p + 2);
        state = State.SIZE;
        return true;
    }
}
