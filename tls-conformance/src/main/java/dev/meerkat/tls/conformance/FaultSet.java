package dev.meerkat.tls.conformance;

import java.util.Arrays;

/** The faults of one proxy: at most one start fault, one end fault, and optionally one-byte segments. */
record FaultSet(Fault start, boolean oneByteSegments, Fault end) {

    static FaultSet of(Fault... faults) {
        Fault start = null;
        Fault end = null;
        boolean oneByte = false;
        for (Fault f : faults) {
            if (f.isStartFault()) {
                start = only(start, f, faults);
            } else if (f.isEndFault()) {
                end = only(end, f, faults);
            } else {
                oneByte = true;
            }
        }
        if (start != null && end != null) {
            throw new IllegalArgumentException("a start fault ends the stream, so it cannot combine with an end fault: "
                    + Arrays.toString(faults));
        }
        return new FaultSet(start, oneByte, end);
    }

    private static Fault only(Fault previous, Fault next, Fault[] all) {
        if (previous != null) {
            throw new IllegalArgumentException("expected at most one fault of a group but was " + Arrays.toString(all));
        }
        return next;
    }

    @Override
    public String toString() {
        return "[start=" + start + ", oneByteSegments=" + oneByteSegments + ", end=" + end + "]";
    }
}
