package dev.meerkat.tls.bc;

import dev.meerkat.tls.spi.TlsPolicy;
import java.util.Arrays;
import java.util.Vector;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.crypto.TlsCrypto;

/** The TLS policy's groups and signature schemes in BC's codes, limited to what the crypto implements. */
final class BcPolicy {

    private BcPolicy() {
    }

    /** The policy's named groups {@code crypto} implements, in order: X25519MLKEM768 first where it can. */
    static int[] groups(TlsCrypto crypto) {
        return TlsPolicy.groups(true).stream().mapToInt(TlsPolicy.NamedGroup::code)
                .filter(group -> BcHybrid.has(crypto, group)).toArray();
    }

    static Vector<Integer> groupVector(TlsCrypto crypto) {
        Vector<Integer> groups = new Vector<>();
        Arrays.stream(groups(crypto)).forEach(groups::add);
        return groups;
    }

    /** The policy's signature schemes {@code crypto} implements, in order. */
    static Vector<SignatureAndHashAlgorithm> signatureAlgorithms(TlsCrypto crypto) {
        Vector<SignatureAndHashAlgorithm> schemes = new Vector<>();
        for (TlsPolicy.SignatureScheme scheme : TlsPolicy.SignatureScheme.values()) {
            if (crypto.hasSignatureScheme(scheme.code())) {
                schemes.add(SignatureScheme.getSignatureAndHashAlgorithm(scheme.code()));
            }
        }
        return schemes;
    }
}
