package dev.meerkat.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Pairing;
import dev.meerkat.tls.conformance.TestPki;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SNI, ALPN, RSA keys and TLS 1.2 session resumption, against bc and jdk peers. */
class BcFeaturesTest {

    static Stream<Pairing> pairings() {
        return BcTlsEngineTest.pairings();
    }

    static Stream<Pairing> tls12Pairings() {
        return pairings().filter(p -> p.version() == TlsVersion.TLS_1_2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void servesWithAnRsaKey(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        try (EnginePair pair = pairing.pair(pki.clientConfig(), pki.serverConfig(pki.rsaServer())).handshake()) {
            assertThat(pair.client.engine.session().peerCertificates()).first().isEqualTo(pki.rsaServer().leaf());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tls12Pairings")
    void resumesATls12SessionOnTheSecondConnection(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        try (TlsContext client = pairing.clientContext(pki.clientConfig());
             TlsContext server = pairing.serverContext(pki.serverConfig(pki.server()));
             EnginePair first = EnginePair.on(client, server).handshake();
             EnginePair second = EnginePair.on(client, server).handshake()) {
            assertThat(first.client.engine.session().resumed()).isFalse();
            assertThat(second.client.engine.session().resumed()).isTrue();
            assertThat(second.server.engine.session().resumed()).isTrue();
            assertThat(second.client.engine.session().peerCertificates()).first().isEqualTo(pki.server().leaf());
        }
    }

    @Test
    void doesNotResumeWithAnotherHost() throws Exception {
        TestPki pki = TestPki.get();
        BcTlsProvider bc = new BcTlsProvider();
        try (TlsContext client = bc.newContext(pki.clientConfig().versions(TlsVersion.TLS_1_2).build());
             TlsContext server = bc.newContext(pki.serverConfig(pki.server()).build());
             EnginePair first = EnginePair.on(client, server).handshake();
             EnginePair other = EnginePair.ofEngines(client.newEngine(EnginePair.HOST, EnginePair.PORT + 1),
                     server.newEngine(null, 0)).handshake()) {
            assertThat(first.client.engine.session().resumed()).isFalse();
            assertThat(other.client.engine.session().resumed()).isFalse();
        }
    }
}
