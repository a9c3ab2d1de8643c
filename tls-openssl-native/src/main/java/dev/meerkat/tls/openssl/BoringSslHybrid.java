package dev.meerkat.tls.openssl;

import dev.meerkat.tls.Support;
import io.netty.internal.tcnative.SSL;
import io.netty.internal.tcnative.SSLContext;

/**
 * Whether the loaded BoringSSL knows X25519MLKEM768 (code point 0x11EC; the BoringSSL of
 * netty-tcnative 2.0.84 does, and also the draft X25519Kyber768Draft00, which the policy leaves out).
 * Asked once, of a throwaway SSL_CTX, so that an older tcnative falls back to X25519 instead of
 * failing every context. Only called once {@link TcnativeLibrary} has loaded.
 */
final class BoringSslHybrid {

    private BoringSslHybrid() {
    }

    static Support status() {
        return Holder.STATUS;
    }

    private static final class Holder {
        static final Support STATUS = probe();
    }

    private static Support probe() {
        long ctx = 0;
        try {
            ctx = SSLContext.make(SSL.SSL_PROTOCOL_TLSV1_3, SSL.SSL_MODE_CLIENT);
            return SSLContext.setCurvesList(ctx, "X25519MLKEM768")
                    ? Support.yes(TcnativeLibrary.availability().library())
                    : Support.no(TcnativeLibrary.availability().library()
                            + " does not know X25519MLKEM768");
        } catch (Exception e) {
            return Support.no("BoringSSL refused a context to ask: " + e);
        } finally {
            if (ctx != 0) {
                SSLContext.free(ctx);
            }
        }
    }
}
