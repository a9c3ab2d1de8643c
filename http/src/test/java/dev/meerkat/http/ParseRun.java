package dev.meerkat.http;

import dev.meerkat.CloseReason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a parser the way a connection does: pieces appended to one buffer whose unconsumed bytes
 * stay, then the end of input. Records the parts with consecutive body chunks merged into one
 * {@link Body}, so runs cut at different offsets compare equal.
 */
final class ParseRun {

    /** Merged body bytes of one message, as a Latin-1 string for readable assertions. */
    record Body(String text) {}

    /**
     * What a run produced before it ended or failed: the parts, the failure (null when none) and
     * the bytes left unconsumed in the buffer.
     */
    record Transcript(List<Object> parts, HttpParseException failure, int leftover) {}

    private static final int MAX_PARTS_PER_PIECE = 100_000;

    private final HttpParser parser;
    private final ByteBuffer buffer;
    private final List<Object> parts = new ArrayList<>();

    private ParseRun(HttpParser parser, int capacity) {
        this.parser = parser;
        this.buffer = ByteBuffer.allocate(capacity);
        buffer.limit(0);
    }

    static List<Object> whole(HttpParser parser, String input, CloseReason end) throws HttpParseException {
        return pieces(parser, List.of(latin1(input)), end);
    }

    static List<Object> pieces(HttpParser parser, List<byte[]> pieces, CloseReason end) throws HttpParseException {
        ParseRun run = new ParseRun(parser, pieces.stream().mapToInt(p -> p.length).sum());
        run.feedAll(pieces, end);
        return run.parts;
    }

    /** Like {@link #pieces}, but a failure ends the run instead of losing what came before it. */
    static Transcript attempt(HttpParser parser, List<byte[]> pieces, CloseReason end) {
        ParseRun run = new ParseRun(parser, pieces.stream().mapToInt(p -> p.length).sum());
        try {
            run.feedAll(pieces, end);
            return new Transcript(run.parts, null, run.buffer.remaining());
        } catch (HttpParseException e) {
            return new Transcript(run.parts, e, run.buffer.remaining());
        }
    }

    /** {@code input} cut before each offset in {@code cuts} (sorted, within bounds). */
    static List<byte[]> cut(byte[] input, List<Integer> cuts) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int at : cuts.stream().map(c -> Math.floorMod(c, input.length + 1)).sorted().toList()) {
            pieces.add(java.util.Arrays.copyOfRange(input, from, at));
            from = at;
        }
        pieces.add(java.util.Arrays.copyOfRange(input, from, input.length));
        return pieces;
    }

    static List<byte[]> bytewise(byte[] input) {
        List<byte[]> pieces = new ArrayList<>();
        for (byte b : input) {
            pieces.add(new byte[] {b});
        }
        return pieces;
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void feedAll(List<byte[]> pieces, CloseReason end) throws HttpParseException {
        for (byte[] piece : pieces) {
            feed(piece);
        }
        if (end != null) {
            MessageEnd last = parser.endOfInput(end);
            if (last != null) {
                parts.add(last);
            }
        }
    }

    private void feed(byte[] piece) throws HttpParseException {
        buffer.compact();
        buffer.put(piece);
        buffer.flip();
        for (int i = 0; i < MAX_PARTS_PER_PIECE; i++) {
            HttpPart part = parser.next(buffer);
            if (part == null) {
                return;
            }
            record(part);
        }
        throw new AssertionError("parser returned more than " + MAX_PARTS_PER_PIECE + " parts for one piece");
    }

    private void record(HttpPart part) {
        if (part instanceof BodyChunk chunk) {
            if (chunk.data().remaining() == 0) {
                throw new AssertionError("parser returned an empty body chunk");
            }
            ByteArrayOutputStream merged = new ByteArrayOutputStream();
            if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof Body previous) {
                merged.writeBytes(latin1(previous.text()));
                parts.remove(parts.size() - 1);
            }
            merged.writeBytes(chunk.bytes());
            parts.add(new Body(merged.toString(StandardCharsets.ISO_8859_1)));
        } else {
            parts.add(part);
        }
    }
}
