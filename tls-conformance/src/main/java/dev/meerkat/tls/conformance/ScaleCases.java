package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.TlsContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thousand concurrent TLS connections: all carry data, and closing them leaves no descriptor, no
 * buffer and no connection behind. TLS 1.3 only: the version changes nothing here, and each test
 * costs a thousand handshakes on each side.
 */
public abstract class ScaleCases extends CertificateCases {

    private static final int CONNECTIONS = 1000;
    /**
     * Descriptors the JDK may open lazily during the run and keep (a jar opened to load a class, a
     * random source): the baseline is taken after a warm-up connection, so a few at most.
     */
    private static final int FD_SLACK = 5;

    /** For subclasses: a backend names its provider in a few lines. */
    protected ScaleCases() {
    }

    /**
     * Proves one loop per side holds 1,000 TLS 1.3 connections open at once and echoes on every
     * one.
     *
     * @throws Exception when a context or the fleet cannot be made, or a wait is interrupted
     */
    @Test
    @Timeout(120)
    public void holdsThousandConnections() throws Exception {
        try (TlsContext serverContext = serverContext(serverConfig(newestVersion(), pki.server()));
             TlsContext clientContext = clientContext(clientConfig(newestVersion()));
             ConnectionFleet fleet = new ConnectionFleet(serverContext, clientContext)) {
            fleet.open(CONNECTIONS);
            assertThat(fleet.clientManager().connections()).as("client connections").hasSize(CONNECTIONS);
            assertThat(fleet.openOnServer()).as("server connections").isEqualTo(CONNECTIONS);
            fleet.echoOnAll(Payload.random(1024, 1000));
            fleet.closeAll();
        }
    }

    /**
     * Proves closing 1,000 connections leaves nothing behind: no file descriptors beyond a few the
     * JDK opens lazily, no connections, no buffered bytes on either side.
     *
     * @throws Exception when a context or the fleet cannot be made, or a wait is interrupted
     */
    @Test
    @Timeout(120)
    public void closesThousandConnectionsLeavingNothing() throws Exception {
        try (TlsContext serverContext = serverContext(serverConfig(newestVersion(), pki.server()));
             TlsContext clientContext = clientContext(clientConfig(newestVersion()));
             ConnectionFleet fleet = new ConnectionFleet(serverContext, clientContext)) {
            fleet.open(1);
            fleet.echoOnAll(Payload.random(100, 1));
            fleet.closeAll();
            List<String> baseline = ConnectionFleet.openFileDescriptors();
            fleet.open(CONNECTIONS);
            fleet.echoOnAll(Payload.random(100, 1));
            fleet.closeAll();
            List<String> after = fleet.openFileDescriptorsOnceAtMost(baseline.size() + FD_SLACK);
            assertThat(after.size()).as("open descriptors after closing: %s; before opening: %s", after, baseline)
                    .isLessThanOrEqualTo(baseline.size() + FD_SLACK);
            assertThat(fleet.clientManager().connections()).as("client connections").isEmpty();
            assertThat(fleet.clientManager().bufferedBytes()).as("client buffered bytes").isZero();
            assertThat(fleet.serverConnections()).as("server connections (the listener)").isEqualTo(1);
            assertThat(fleet.serverBufferedBytes()).as("server buffered bytes").isZero();
        }
    }
}
