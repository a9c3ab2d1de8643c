package dev.meerkat.benchmarks.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The 1 KiB body every benchmark server, Meerkat's or Netty's, answers with. */
public final class ResponseBody {

    public static final int SIZE = 1024;
    public static final String CONTENT_TYPE = "text/plain";

    private static final byte[] BYTES = make();

    private ResponseBody() {
    }

    /** A fresh copy: callers may hand it to a server that keeps the array. */
    public static byte[] bytes() {
        return BYTES.clone();
    }

    public static boolean matches(byte[] body) {
        return Arrays.equals(BYTES, body);
    }

    private static byte[] make() {
        byte[] body = new byte[SIZE];
        byte[] alphabet = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < SIZE; i++) {
            body[i] = alphabet[i % alphabet.length];
        }
        return body;
    }
}
