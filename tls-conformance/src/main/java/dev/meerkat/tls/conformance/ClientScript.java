package dev.meerkat.tls.conformance;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;

/**
 * The client side of a {@link Scenario}: sends the request once the handshake completed, reads
 * everything, and runs {@code afterResponse} once the whole response arrived (the proxy may then
 * reset the connection).
 */
final class ClientScript implements Handler {

    private final Scenario scenario;
    private final Runnable afterResponse;
    private final EventLog log = new EventLog();
    private boolean responseRead;

    ClientScript(Scenario scenario, Runnable afterResponse) {
        this.scenario = scenario;
        this.afterResponse = afterResponse;
    }

    EventLog log() {
        return log;
    }

    @Override
    public void handle(Connection connection, Event event) {
        log.record(event);
        if (event instanceof Event.TlsHandshake) {
            if (!connection.send(scenario.request().bytes())) {
                throw new IllegalStateException("expected the client to queue the " + scenario.request().length()
                        + "-byte request on connection " + connection.id() + " but send() refused it");
            }
        } else if (event instanceof Event.Read && !responseRead && log.bytes() >= scenario.response().length()) {
            responseRead = true;
            afterResponse.run();
        }
    }
}
