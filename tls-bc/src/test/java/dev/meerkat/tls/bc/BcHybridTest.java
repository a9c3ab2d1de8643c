package dev.meerkat.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Vector;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

class BcHybridTest {

    /** BC's crypto answers hasNamedGroup false for the hybrid itself; its parts decide. */
    @Test
    void bcCryptoHasTheHybridThroughItsParts() {
        BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
        assertThat(crypto.hasNamedGroup(NamedGroup.X25519MLKEM768)).as("BC's own answer").isFalse();
        assertThat(BcHybrid.has(crypto, NamedGroup.X25519MLKEM768)).isTrue();
        assertThat(BcPolicy.groups(crypto)).startsWith(NamedGroup.X25519MLKEM768, NamedGroup.x25519);
    }

    @Test
    void aClientSendsAnX25519ShareBesideTheHybrid() {
        assertThat(BcHybrid.earlyKeyShares(groups(NamedGroup.X25519MLKEM768, NamedGroup.x25519, NamedGroup.secp256r1)))
                .containsExactly(NamedGroup.X25519MLKEM768, NamedGroup.x25519);
        assertThat(BcHybrid.earlyKeyShares(groups(NamedGroup.x25519, NamedGroup.secp256r1)))
                .containsExactly(NamedGroup.x25519);
        assertThat(BcHybrid.earlyKeyShares(groups())).isEmpty();
    }

    private static Vector<Integer> groups(int... codes) {
        Vector<Integer> groups = new Vector<>();
        for (int code : codes) {
            groups.add(code);
        }
        return groups;
    }
}
