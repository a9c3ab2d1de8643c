package dev.meerkat.internal;

/**
 * Which failures a connection can absorb. A handler or engine that throws fails its own connection;
 * a StackOverflowError counts as such a failure, since the stack unwound. Any other
 * VirtualMachineError (OutOfMemoryError, InternalError) leaves the loop unusable: it goes up to the
 * loop, which stops loudly (docs/ARCHITECTURE.md, "The loop").
 */
final class Failures {

    private Failures() {
    }

    static boolean isFatal(Throwable failure) {
        return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
    }

    /** Throws {@code failure} on when it is fatal; returns otherwise. */
    static void rethrowIfFatal(Throwable failure) {
        if (isFatal(failure)) {
            throw (VirtualMachineError) failure;
        }
    }
}
