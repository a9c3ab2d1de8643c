package dev.meerkat.tls.conformance;

import static dev.meerkat.CloseReason.RESET;
import static dev.meerkat.CloseReason.TRUNCATED_NO_CLOSE_NOTIFY;
import static dev.meerkat.CloseReason.TRUNCATED_PARTIAL_RECORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.faults.Fault;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The drain invariant (docs/ARCHITECTURE.md, "The drain invariant") under every way a response can
 * end: every byte of every whole record is delivered before exactly one Close, whose reason depends
 * only on what reached the client. The response is 4 records (1000, 12000, 300 and 5000 bytes) and
 * a close_notify. No write comes near the 16 KiB record limit, where providers fragment differently
 * (the JDK's TLS 1.3 engine splits a 16384-byte write into 16367 + 17 bytes), so the bytes a cut
 * leaves are the same on every provider.
 */
public abstract class StreamCases extends SuiteBase {

    private static final int[] WRITES = {1000, 12000, 300, 5000};
    private static final int WRITES_TOTAL = Arrays.stream(WRITES).sum();
    /** Cuts inside records, as (records before the end, bytes into that record); 3 cuts the header. */
    private static final int[][] INSIDE_CUTS = {{1, 3}, {1, 10}, {2, 1}, {2, 4}, {2, 5}, {2, 2000}, {3, 150},
        {4, 8000}, {5, 100}};

    /** For subclasses: a backend names its provider in a few lines. */
    protected StreamCases() {
    }

    /** The suite's response: {@link #WRITES} in four records, named {@code name}. */
    static Scenario response(String name) {
        return Scenario.respond(name, WRITES);
    }

    /**
     * Proves that a response ending with close_notify arrives whole and closes CLEAN.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void deliversEverythingBeforeACleanClose(TlsVersion version) throws TlsException {
        Scenario scenario = response("clean");
        assertClientSees(version, scenario, wholeResponse(scenario));
    }

    /**
     * Proves that a response whose close_notify the proxy drops still delivers every byte, then
     * closes TRUNCATED_NO_CLOSE_NOTIFY, not CLEAN.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void missingCloseNotifyIsTruncationAfterEveryByte(TlsVersion version) throws TlsException {
        Scenario scenario = response("no-close-notify").withFaults(new Fault.DropCloseNotify());
        assertClientSees(version, scenario, Outcome.delivered(scenario.response(), WRITES_TOTAL, TRUNCATED_NO_CLOSE_NOTIFY));
    }

    /**
     * Proves that a connection cut at a record boundary delivers every record before the cut and
     * closes TRUNCATED_NO_CLOSE_NOTIFY. Record boundaries from the close_notify back to before the
     * first data record.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void cutAtEveryRecordBoundaryDeliversTheWholeRecords(TlsVersion version) throws TlsException {
        for (int records = 1; records <= WRITES.length + 1; records++) {
            Scenario scenario = response("cut-before-" + records).withFaults(new Fault.CutBeforeEnd(records, 0));
            ScenarioResult result = run(version, scenario);
            assertThat(result.layout().dataRecords()).as("payload records (one per write) of %s", result.describe())
                    .isEqualTo(WRITES.length);
            int delivered = result.layout().deliveredWhenCutBefore(records);
            assertClient(result, Outcome.delivered(scenario.response(), delivered, TRUNCATED_NO_CLOSE_NOTIFY));
        }
    }

    /**
     * Proves that a connection cut inside a record (its header or its body) delivers the whole
     * records before it, none of the cut one, and closes TRUNCATED_PARTIAL_RECORD.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void cutInsideARecordDeliversTheWholeRecordsBeforeIt(TlsVersion version) throws TlsException {
        for (int[] cut : INSIDE_CUTS) {
            Scenario scenario = response("cut-" + cut[1] + "-into-" + cut[0])
                    .withFaults(new Fault.CutBeforeEnd(cut[0], cut[1]));
            ScenarioResult result = run(version, scenario);
            int delivered = result.layout().deliveredWhenCutBefore(cut[0]);
            assertClient(result, Outcome.delivered(scenario.response(), delivered, TRUNCATED_PARTIAL_RECORD));
        }
    }

    /**
     * Proves that a response ending in half a record delivers the first record and closes
     * TRUNCATED_PARTIAL_RECORD.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void partialRecordAtEndDeliversTheRecordsBeforeIt(TlsVersion version) throws TlsException {
        Scenario scenario = response("partial-record").withFaults(new Fault.PartialRecordAtEnd());
        ScenarioResult result = run(version, scenario);
        int delivered = result.layout().deliveredWhenCutBefore(2);
        assertClient(result, Outcome.delivered(scenario.response(), delivered, TRUNCATED_PARTIAL_RECORD));
    }

    /**
     * Proves that a response arriving one byte per TCP segment is reassembled and delivered whole,
     * then CLEAN.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void oneByteSegmentsDeliverEverything(TlsVersion version) throws TlsException {
        Scenario scenario = response("one-byte").withFaults(new Fault.OneByteSegments());
        assertClientSees(version, scenario, wholeResponse(scenario));
    }

    /**
     * Proves that one-byte segments ending in half a record are still classified
     * TRUNCATED_PARTIAL_RECORD, after the whole records.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void oneByteSegmentsEndingInAPartialRecordAreClassified(TlsVersion version) throws TlsException {
        Scenario scenario = response("one-byte-partial")
                .withFaults(new Fault.OneByteSegments(), new Fault.PartialRecordAtEnd());
        ScenarioResult result = run(version, scenario);
        int delivered = result.layout().deliveredWhenCutBefore(2);
        assertClient(result, Outcome.delivered(scenario.response(), delivered, TRUNCATED_PARTIAL_RECORD));
    }

    /**
     * Mongoose 2570: the data, close_notify and FIN arrive in one segment. Proves the data is
     * delivered whole before Close(CLEAN).
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void dataCloseNotifyAndFinInOneSegmentDeliverEverything(TlsVersion version) throws TlsException {
        Scenario scenario = response("coalesced").withFaults(new Fault.CoalesceClose());
        assertClientSees(version, scenario, wholeResponse(scenario));
    }

    /**
     * More than Mongoose's read cap is buffered when FIN arrives: one read cannot take it all.
     * Proves every byte is still delivered before Close(CLEAN).
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void moreThanTheReadCapHeldUntilFinIsDelivered(TlsVersion version) throws TlsException {
        Scenario scenario = Scenario.respond("beyond-read-cap", 16384, 16384, 16384, 1000)
                .withFaults(new Fault.HoldBeyondReadCap());
        assertClientSees(version, scenario, wholeResponse(scenario));
    }

    /**
     * Proves that a reset after every byte arrived delivers them all and closes RESET.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void resetAfterTheDataWasReadIsReset(TlsVersion version) throws TlsException {
        Scenario scenario = response("reset").withFaults(new Fault.ResetAfterData());
        assertClientSees(version, scenario, Outcome.delivered(scenario.response(), WRITES_TOTAL, RESET));
    }

    /**
     * Proves that junk instead of the ServerHello fails the handshake: Error, then Close(ERROR)
     * with kind PROTOCOL.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void garbageInsteadOfTheServerHelloIsAProtocolError(TlsVersion version) throws TlsException {
        Scenario scenario = response("garbage").withFaults(new Fault.Garbage());
        assertClientSees(version, scenario, Outcome.failedHandshake(TlsException.Kind.PROTOCOL));
    }

    /**
     * The server's FIN right after its ServerHello. The end of input comes before the handshake
     * completed, so it is a handshake failure (ERROR, kind HANDSHAKE) on every provider, never a
     * truncation: there is no stream yet that could have been truncated.
     *
     * @param version the TLS version both sides speak
     * @throws TlsException when a context cannot be made
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void closeDuringTheHandshakeIsAHandshakeError(TlsVersion version) throws TlsException {
        Scenario scenario = response("close-in-handshake").withFaults(new Fault.CloseDuringHandshake());
        assertClientSees(version, scenario, Outcome.failedHandshake(TlsException.Kind.HANDSHAKE));
    }
}
