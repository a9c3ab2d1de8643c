package dev.meerkat.faults;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The faults of one proxy: at most one start, end or limit fault (each ends the stream), and
 * optionally one-byte segments and a delay.
 */
record FaultSet(@Nullable Fault start, boolean oneByteSegments, @Nullable Fault end, Fault.@Nullable Delay delay,
        @Nullable Fault limit) {

    static FaultSet of(Fault... faults) {
        Fault start = null;
        Fault end = null;
        Fault limit = null;
        Fault.Delay delay = null;
        boolean oneByte = false;
        for (Fault f : faults) {
            if (f.isStartFault()) {
                start = only(start, f, faults);
            } else if (f.isEndFault()) {
                end = only(end, f, faults);
            } else if (f.isLimitFault()) {
                limit = only(limit, f, faults);
            } else if (f instanceof Fault.Delay d) {
                delay = (Fault.Delay) only(delay, d, faults);
            } else {
                oneByte = true;
            }
        }
        if ((start != null ? 1 : 0) + (end != null ? 1 : 0) + (limit != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("start, end and limit faults each end the stream, so only one of them"
                    + " can apply: " + Arrays.toString(faults));
        }
        return new FaultSet(start, oneByte, end, delay, limit);
    }

    private static Fault only(@Nullable Fault previous, Fault next, Fault[] all) {
        if (previous != null) {
            throw new IllegalArgumentException("expected at most one fault of a group but was " + Arrays.toString(all));
        }
        return next;
    }

    @Override
    public String toString() {
        return "[start=" + start + ", oneByteSegments=" + oneByteSegments + ", end=" + end + ", delay=" + delay
                + ", limit=" + limit + "]";
    }
}
