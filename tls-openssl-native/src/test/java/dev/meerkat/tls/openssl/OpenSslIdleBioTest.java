package dev.meerkat.tls.openssl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Payload;
import dev.meerkat.tls.conformance.TestPki;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Once its handshake's bytes are out, each engine swaps its BIO for one with a small non-application
 * buffer (the idle connection's 2 KiB, docs/server-benchmarks.md): the client at its handshake's last
 * wrap, the server at its first answer. A connection idle on the new BIO, then active again, still
 * delivers every byte both ways. The fatal alert written into the small buffer is the engine
 * contract's corrupted-record case; freeing the old BIO is {@link OpenSslLeakTest}'s.
 */
class OpenSslIdleBioTest {

    private static final int ONE_MIB = 1 << 20;
    private static final int REQUEST = 100;
    private static final int ANSWER = 1024;

    /** The digest of what came after the first {@code skip} bytes (the request or answer). */
    private static String sha256After(byte[] received, int skip) {
        return Payload.of(Arrays.copyOfRange(received, skip, received.length)).sha256();
    }

    @Test
    void anIdleConnectionOnTheSmallBioCarriesOneMebibyteEachWayIntact() throws TlsException {
        TestPki pki = TestPki.get();
        try (TlsContext client = TlsProviders.newContext(OpenSslTlsProvider.NAME, pki.clientConfig().build());
             TlsContext server = TlsProviders.newContext(OpenSslTlsProvider.NAME,
                     pki.serverConfig(pki.server()).build());
             EnginePair pair = EnginePair.on(client, server).handshake()) {
            pair.client.send(Payload.random(REQUEST, 10).bytes());
            pair.pumpUntilReceived(0, REQUEST);
            pair.server.send(Payload.random(ANSWER, 10).bytes());
            pair.pumpUntilReceived(ANSWER, REQUEST);
            assertThat(((OpenSslEngine) pair.client.engine).hasEstablishedBio()).as("client BIO swapped").isTrue();
            assertThat(((OpenSslEngine) pair.server.engine).hasEstablishedBio()).as("server BIO swapped").isTrue();

            Payload up = Payload.random(ONE_MIB, 11);
            Payload down = Payload.random(ONE_MIB, 12);
            pair.client.send(up.bytes());
            pair.server.send(down.bytes());
            pair.pumpUntilQuiet();

            assertThat(pair.server.received.size()).isEqualTo(REQUEST + ONE_MIB);
            assertThat(sha256After(pair.server.received.toByteArray(), REQUEST)).isEqualTo(up.sha256());
            assertThat(pair.client.received.size()).isEqualTo(ANSWER + ONE_MIB);
            assertThat(sha256After(pair.client.received.toByteArray(), ANSWER)).isEqualTo(down.sha256());
        }
    }
}
