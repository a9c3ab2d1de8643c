package dev.meerkat.tls.conformance;

import dev.meerkat.faults.ResponseLayout;
import dev.meerkat.faults.TlsRecord;
import java.util.List;

/**
 * What a {@link Scenario} produced: both sides' logs and the response records the proxy held (empty
 * without an end fault).
 */
public record ScenarioResult(Scenario scenario, EventLog client, EventLog server, List<TlsRecord> response) {

    public Outcome clientOutcome() {
        return Outcome.of(client);
    }

    public Outcome serverOutcome() {
        return Outcome.of(server);
    }

    /** Where the response's payload records are; needs an end fault (the proxy held the response). */
    public ResponseLayout layout() {
        return ResponseLayout.of(response, scenario.response().length());
    }

    /** For assertion messages: the scenario and both full logs. */
    public String describe() {
        return scenario + "\n  client: " + client + "\n  server: " + server
                + (response.isEmpty() ? "" : "\n  response records: " + response);
    }
}
