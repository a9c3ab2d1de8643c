package dev.meerkat.http.internal;

import dev.meerkat.http.BodyChunk;
import java.nio.ByteBuffer;

/** Cuts body chunks out of the input without copying. */
final class Slices {

    private Slices() {
    }

    /** The next {@code n} bytes of {@code in} as a read-only chunk; consumes them. */
    static BodyChunk take(ByteBuffer in, int n) {
        ByteBuffer slice = in.slice();
        slice.limit(n);
        in.position(in.position() + n);
        return new BodyChunk(slice.asReadOnlyBuffer());
    }
}
