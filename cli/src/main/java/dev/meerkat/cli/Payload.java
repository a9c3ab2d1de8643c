package dev.meerkat.cli;

import java.util.SplittableRandom;

/** The deterministic request body of soak request {@code n}: every request differs, every run repeats. */
final class Payload {

    private Payload() {
    }

    static byte[] of(int n, int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(0x6d65_6572_6b61_7400L + n).nextBytes(bytes);
        return bytes;
    }
}
