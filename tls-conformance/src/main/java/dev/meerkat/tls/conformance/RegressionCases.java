package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.faults.Fault;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Mongoose issues that made the drain invariant necessary, each as a named test. */
public abstract class RegressionCases extends StreamCases {

    private static final int ROUNDS_2570 = 20;
    private static final int[] POST_SIZES_2619 = {3100, 4096, 8192, 16383, 16384, 16385};
    private static final int RECORDS_2668 = 64;

    /** For subclasses: a backend names its provider in a few lines. */
    protected RegressionCases() {
    }

    /**
     * Mongoose 2570 (httpbin.org/post returned an empty body): the server sends a close-delimited
     * HTTP response and closes at once. 20 rounds, alternately as the network delivers it and with
     * the response, close_notify and FIN coalesced into one segment. Proves the whole response
     * arrives before Close(CLEAN), every round.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void mongoose2570ResponseThenClose(TlsVersion version) throws TlsException {
        Payload response = httpResponse(2000);
        for (int round = 0; round < ROUNDS_2570; round++) {
            Scenario scenario = new Scenario("2570-round-" + round, Scenario.GET, response,
                    List.of(response.length()), round % 2 == 0 ? List.of() : List.of(new Fault.CoalesceClose()));
            assertClientSees(version, scenario, wholeResponse(scenario));
        }
    }

    /**
     * Mongoose 2619: POST bodies around and across one record (16 KiB) echoed back before a close.
     * Proves each body comes back whole.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void mongoose2619EchoedPost(TlsVersion version) throws TlsException {
        for (int size : POST_SIZES_2619) {
            Scenario scenario = Scenario.echo("2619-post-" + size, size);
            ScenarioResult result = assertClientSees(version, scenario, wholeResponse(scenario));
            assertThat(result.server().bytes()).as("request bytes the server read in %s", scenario).isEqualTo(size);
        }
    }

    /**
     * Mongoose 2668: only the first of several records in one TCP segment was processed. Proves
     * every record of the segment is delivered.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void mongoose2668SeveralRecordsPerSegment(TlsVersion version) throws TlsException {
        int[] writes = new int[RECORDS_2668];
        Arrays.fill(writes, 97);
        Scenario scenario = Scenario.respond("2668-records", writes).withFaults(new Fault.CoalesceClose());
        ScenarioResult result = assertClientSees(version, scenario, wholeResponse(scenario));
        assertThat(result.layout().dataRecords()).as("payload records in the one segment of %s", scenario)
                .isEqualTo(RECORDS_2668);
    }

    /**
     * Mongoose 3104: a big body, then a last 1-byte record, then an immediate close; the last record
     * was lost. As the network delivers it, and with more than the read cap held until FIN. Proves
     * the last record is delivered before Close(CLEAN).
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void mongoose3104LastSmallRecordFastClose(TlsVersion version) throws TlsException {
        Scenario live = Scenario.respond("3104-live", 16384, 16384, 16384, 1);
        assertClientSees(version, live, wholeResponse(live));
        Scenario held = Scenario.respond("3104-held", 16384, 16384, 16384, 1).withFaults(new Fault.HoldBeyondReadCap());
        assertClientSees(version, held, wholeResponse(held));
    }

    private static Payload httpResponse(int bodyLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Payload.random(bodyLength, 2570).bytes());
        return Payload.of(out.toByteArray());
    }
}
