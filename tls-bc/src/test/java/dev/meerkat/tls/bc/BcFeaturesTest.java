package dev.meerkat.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.TestPki;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SNI, ALPN, RSA keys and TLS 1.2 session resumption, against bc and jdk peers. */
class BcFeaturesTest {

    static Stream<Pairing> pairings() {
        return Pairing.all();
    }

    static Stream<Pairing> tls12Pairings() {
        return Pairing.all().filter(p -> p.version() == TlsVersion.TLS_1_2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void serverPicksItsCertificateByTheRequestedName(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig.Builder server = pki.serverConfig(pki.server()).sniKeyMaterial("wrong.example", pki.wrongHost());
        EnginePair pair = EnginePair.of(pairing.client(pki.clientConfig().serverName("wrong.example")),
                pairing.server(server));

        pair.handshake();

        assertThat(pair.client.engine.session().peerCertificates()).first().isEqualTo(pki.wrongHost().leaf());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void agreesOnTheServersPreferredApplicationProtocol(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        EnginePair pair = EnginePair.of(pairing.client(pki.clientConfig().alpn("h2", "http/1.1")),
                pairing.server(pki.serverConfig(pki.server()).alpn("http/1.1", "h2")));

        pair.handshake();

        assertThat(pair.client.engine.session().applicationProtocol()).isEqualTo("http/1.1");
        assertThat(pair.server.engine.session().applicationProtocol()).isEqualTo("http/1.1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void servesWithAnRsaKey(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        EnginePair pair = EnginePair.of(pairing.client(pki.clientConfig()), pairing.server(pki.serverConfig(pki.rsaServer())));

        pair.handshake();

        assertThat(pair.client.engine.session().peerCertificates()).first().isEqualTo(pki.rsaServer().leaf());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tls12Pairings")
    void resumesATls12SessionOnTheSecondConnection(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        TlsContext client = pairing.client(pki.clientConfig());
        TlsContext server = pairing.server(pki.serverConfig(pki.server()));
        EnginePair first = EnginePair.of(client, server);
        first.handshake();

        EnginePair second = EnginePair.of(client, server);
        second.handshake();

        assertThat(first.client.engine.session().resumed()).isFalse();
        assertThat(second.client.engine.session().resumed()).isTrue();
        assertThat(second.server.engine.session().resumed()).isTrue();
        assertThat(second.client.engine.session().peerCertificates()).first().isEqualTo(pki.server().leaf());
    }

    @Test
    void doesNotResumeWithAnotherHost() throws Exception {
        TestPki pki = TestPki.get();
        TlsContext client = new BcTlsProvider().newContext(pki.clientConfig().versions(TlsVersion.TLS_1_2).build());
        TlsContext server = new BcTlsProvider().newContext(pki.serverConfig(pki.server()).build());
        EnginePair.of(client, server).handshake();

        EnginePair other = new EnginePair(client.newEngine("localhost", 8443), server.newEngine(null, 0));
        other.handshake();

        assertThat(other.client.engine.session().resumed()).isFalse();
    }
}
