package dev.meerkat.tls.mbedtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.TestPki;
import org.junit.jupiter.api.Test;

/**
 * Both sides say whether a handshake resumed: the client because it offered a session and saw no
 * certificate, the server because its ticket callback ({@link TicketParser}) accepted the ticket.
 */
class MbedTlsResumptionTest {

    private final TestPki pki = TestPki.get();

    @Test
    void serverSaysItResumedWhenItAcceptedTheClientsTicket() throws Exception {
        try (TlsContext client = TlsProviders.newContext(MbedTlsProvider.NAME, pki.clientConfig().build());
             TlsContext server = newServerContext()) {
            try (EnginePair first = EnginePair.on(client, server).handshake()) {
                assertThat(first.client.engine.session().resumed()).isFalse();
                assertThat(first.server.engine.session().resumed()).isFalse();
            }
            try (EnginePair second = EnginePair.on(client, server).handshake()) {
                assertThat(second.client.engine.session().resumed()).isTrue();
                assertThat(second.server.engine.session().resumed()).isTrue();
            }
        }
    }

    /** Another server context has other ticket keys: the ticket fails to parse and neither side resumes. */
    @Test
    void serverSaysItDidNotResumeWhenTheTicketWasNotItsOwn() throws Exception {
        try (TlsContext client = TlsProviders.newContext(MbedTlsProvider.NAME, pki.clientConfig().build())) {
            try (TlsContext issuer = newServerContext(); EnginePair first = EnginePair.on(client, issuer).handshake()) {
                assertThat(first.server.engine.session().resumed()).isFalse();
            }
            try (TlsContext stranger = newServerContext();
                 EnginePair second = EnginePair.on(client, stranger).handshake()) {
                assertThat(second.client.engine.session().resumed()).isFalse();
                assertThat(second.server.engine.session().resumed()).isFalse();
            }
        }
    }

    private TlsContext newServerContext() throws Exception {
        return TlsProviders.newContext(MbedTlsProvider.NAME, pki.serverConfig(pki.server()).build());
    }
}
