package dev.meerkat.benchmarks.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Which server to run: Meerkat or the Netty anchor, with which TLS provider (or plain), and the
 * certificate chain and key as PEM files (the generated TestPki ones when none are given).
 *
 * @param implementation {@code meerkat} or {@code netty}
 * @param tls            {@code plain}; for Meerkat a provider name (jdk, bc, openssl, openssl-jna, mbedtls);
 *                       for Netty an {@code io.netty.handler.ssl.SslProvider} name (JDK, OPENSSL)
 * @param chainPem       leaf then CA, PEM; null picks TestPki's
 * @param keyPem         the leaf's PKCS#8 key, PEM; null picks TestPki's
 */
public record ServerSpec(String implementation, String tls, Path chainPem, Path keyPem) {

    public static final String MEERKAT = "meerkat";
    public static final String NETTY = "netty";
    public static final String PLAIN = "plain";

    /** Every server of the side-by-side runs, Meerkat first, in the order the tables print. */
    public static final List<String> ALL = List.of(
            "meerkat:plain", "meerkat:jdk", "meerkat:bc", "meerkat:openssl", "meerkat:openssl-jna", "meerkat:mbedtls",
            "netty:plain", "netty:JDK", "netty:OPENSSL");

    public ServerSpec {
        if (!implementation.equals(MEERKAT) && !implementation.equals(NETTY)) {
            throw new IllegalArgumentException("expected implementation meerkat or netty but was '" + implementation + "'");
        }
        if ((chainPem == null) != (keyPem == null)) {
            throw new IllegalArgumentException("expected both a chain and a key file or neither but got chain="
                    + chainPem + " key=" + keyPem);
        }
    }

    /** Parses {@code implementation:tls}, e.g. {@code meerkat:openssl} or {@code netty:OPENSSL}. */
    public static ServerSpec parse(String label, Path chainPem, Path keyPem) {
        int colon = label.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected implementation:tls (e.g. meerkat:jdk, netty:OPENSSL) but was '"
                    + label + "'");
        }
        return new ServerSpec(label.substring(0, colon).toLowerCase(Locale.ROOT), label.substring(colon + 1),
                chainPem, keyPem);
    }

    public boolean isPlain() {
        return tls.equalsIgnoreCase(PLAIN);
    }

    public String label() {
        return implementation + ":" + tls;
    }
}
