package dev.meerkat.tls.conformance;

import dev.meerkat.faults.ResponseLayout;
import dev.meerkat.faults.TlsRecord;
import java.util.List;

/**
 * What a {@link Scenario} produced: both sides' logs and the response records the proxy held (empty
 * without an end fault).
 *
 * @param scenario the scenario that ran
 * @param client   the client connection's events
 * @param server   the server connection's events
 * @param response the response records the proxy held, empty without an end fault
 */
public record ScenarioResult(Scenario scenario, EventLog client, EventLog server, List<TlsRecord> response) {

    /**
     * What the client observed.
     *
     * @return the client's outcome
     */
    public Outcome clientOutcome() {
        return Outcome.of(client);
    }

    /**
     * What the server observed.
     *
     * @return the server's outcome
     */
    public Outcome serverOutcome() {
        return Outcome.of(server);
    }

    /**
     * Where the response's payload records are; needs an end fault (the proxy held the response).
     *
     * @return the records' layout over the response's bytes
     */
    public ResponseLayout layout() {
        return ResponseLayout.of(response, scenario.response().length());
    }

    /**
     * For assertion messages: the scenario and both full logs.
     *
     * @return a multi-line description
     */
    public String describe() {
        return scenario + "\n  client: " + client + "\n  server: " + server
                + (response.isEmpty() ? "" : "\n  response records: " + response);
    }
}
