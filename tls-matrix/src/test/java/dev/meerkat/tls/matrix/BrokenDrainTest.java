package dev.meerkat.tls.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.CloseReason;
import dev.meerkat.faults.Fault;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.Scenario;
import dev.meerkat.tls.conformance.ScenarioResult;
import dev.meerkat.tls.conformance.TlsConformanceSuite;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proof that the conformance suite can fail: a client whose engine drops the drain the way Mongoose
 * did before its fixes fails the suite's coalescing cases, while the real engine passes them.
 */
@Timeout(120)
class BrokenDrainTest {

    /** The suite with the jdk provider, its client engines broken. */
    static final class BrokenClientSuite extends TlsConformanceSuite {
        @Override
        protected String providerName() {
            return "jdk";
        }

        @Override
        protected TlsContext clientContext(TlsConfig config) throws TlsException {
            return new FirstRecordOnlyContext(super.clientContext(config));
        }

        ScenarioResult coalesced(TlsVersion version) throws TlsException {
            return run(version, Scenario.respond("broken-coalesced", 1000, 12000, 300, 5000)
                    .withFaults(new Fault.CoalesceClose()));
        }
    }

    static final class RealSuite extends TlsConformanceSuite {
        @Override
        protected String providerName() {
            return "jdk";
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void brokenDrainLosesTheRecordsThatCameWithClose(TlsVersion version) throws TlsException {
        ScenarioResult result = new BrokenClientSuite().coalesced(version);
        assertThat(result.client().bytes()).as("bytes delivered by the broken client in %s", result.describe())
                .isLessThan(result.scenario().response().length());
        assertThat(result.client().reason()).as("close reason of the broken client").isNotEqualTo(CloseReason.CLEAN);
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void suiteFailsABrokenDrain(TlsVersion version) {
        BrokenClientSuite broken = new BrokenClientSuite();
        assertThatThrownBy(() -> broken.dataCloseNotifyAndFinInOneSegmentDeliverEverything(version))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Close(CLEAN)");
        assertThatThrownBy(() -> broken.mongoose2668SeveralRecordsPerSegment(version))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> broken.moreThanTheReadCapHeldUntilFinIsDelivered(version))
                .isInstanceOf(AssertionError.class);
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void suitePassesTheRealEngineOnTheSameCases(TlsVersion version) {
        RealSuite real = new RealSuite();
        assertThatCode(() -> real.dataCloseNotifyAndFinInOneSegmentDeliverEverything(version)).doesNotThrowAnyException();
        assertThatCode(() -> real.mongoose2668SeveralRecordsPerSegment(version)).doesNotThrowAnyException();
    }
}
