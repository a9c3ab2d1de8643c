package dev.meerkat.tls.bc;

import dev.meerkat.tls.Support;
import dev.meerkat.tls.spi.TlsPolicy;
import java.util.Vector;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * X25519MLKEM768 on Bouncy Castle. BC's TLS (1.80 and later) combines a hybrid's two parts itself
 * ({@code TlsHybridAgreement}) and asks the crypto only for the parts, so {@code hasNamedGroup} is
 * false for the hybrid even where it works: the crypto must have X25519 and ML-KEM-768. BC's own
 * crypto ({@code BcTlsCrypto}) has ML-KEM; the JDK's ({@code JcaTlsCrypto} over SunJCE, bc's
 * default here) has it from JDK 24 (the {@code javax.crypto.KEM} "ML-KEM" of JEP 496).
 */
final class BcHybrid {

    private static final int HYBRID = TlsPolicy.NamedGroup.X25519MLKEM768.code();

    private BcHybrid() {
    }

    /** Whether {@code crypto} implements {@code group}, a hybrid through both its parts. */
    static boolean has(TlsCrypto crypto, int group) {
        if (NamedGroup.refersToASpecificHybrid(group)) {
            return crypto.hasNamedGroup(NamedGroup.getHybridFirst(group))
                    && crypto.hasNamedGroup(NamedGroup.getHybridSecond(group));
        }
        return crypto.hasNamedGroup(group);
    }

    /** What {@link BcTlsProvider#hybridKeyExchange()} reports for contexts on {@code choice}. */
    static Support status(BcTlsProvider.Crypto choice) {
        boolean jdk = choice == BcTlsProvider.Crypto.JCA;
        if (has(BcLibrary.newCrypto(choice), HYBRID)) {
            return Support.yes(BcLibrary.describe() + (jdk ? " with the JDK's ML-KEM" : " with BcTlsCrypto"));
        }
        return Support.no(jdk
                ? "the JDK " + Runtime.version().feature() + " crypto that bc uses by default has no ML-KEM (JDK 24+"
                        + " has); -D" + BcTlsProvider.CRYPTO_PROPERTY + "=bc offers it with BC's own"
                : "this BcTlsCrypto has no ML-KEM-768");
    }

    /**
     * A client's key shares: the first group's and, when that is the hybrid, X25519's too, as
     * BoringSSL and OpenSSL 3.5 send them, so that a server without the hybrid needs no
     * HelloRetryRequest. BC's default would send X25519 alone, and a server preferring the hybrid
     * would ask again.
     */
    static Vector<Integer> earlyKeyShares(Vector<Integer> groups) {
        Vector<Integer> shares = new Vector<>();
        if (groups.isEmpty()) {
            return shares;
        }
        shares.add(groups.get(0));
        if (groups.get(0) == HYBRID && groups.contains(NamedGroup.x25519)) {
            shares.add(NamedGroup.x25519);
        }
        return shares;
    }
}
