package dev.meerkat.tls.conformance;

import dev.meerkat.Connection;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.faults.Fault;
import dev.meerkat.faults.FaultProxy;
import dev.meerkat.tls.TlsContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a {@link Scenario} on one real {@link Manager}, polled on the calling thread: a TLS listener
 * on 127.0.0.1 with {@code serverContext}, a {@link FaultProxy} in front of it, and a client with
 * {@code clientContext} connected to the proxy. The contexts may come from different providers.
 * Returns when both connections closed; fails after {@link #DEADLINE} showing both logs.
 */
public final class ScenarioRunner {

    /** The longest a scenario may run before it fails with both logs: 20 seconds. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 20;

    private ScenarioRunner() {
    }

    /**
     * Runs {@code scenario} on a new manager, closed afterwards; the contexts stay the caller's.
     *
     * @param scenario      the exchange and the proxy's faults
     * @param serverContext the listener's TLS context
     * @param clientContext the client's TLS context; it must trust the server's certificate
     * @return both sides' logs and the records the proxy held
     * @throws AssertionError       when the scenario does not finish within {@link #DEADLINE}, or the
     *                              proxy failed
     * @throws UncheckedIOException when the proxy cannot start
     */
    public static ScenarioResult run(Scenario scenario, TlsContext serverContext, TlsContext clientContext) {
        try (Manager manager = new Manager()) {
            ServerScript server = new ServerScript(scenario);
            Connection listener = manager.listen("tls://127.0.0.1:0", Options.defaults().withTls(serverContext), server);
            return runThroughProxy(manager, listener.localAddress(), server, clientContext);
        }
    }

    private static ScenarioResult runThroughProxy(Manager manager, InetSocketAddress serverAddress,
                                                  ServerScript server, TlsContext clientContext) {
        Scenario scenario = server.scenario();
        try (FaultProxy proxy = FaultProxy.start(serverAddress, scenario.faults().toArray(Fault[]::new))) {
            server.beforeResponse(proxy::arm);
            ClientScript client = new ClientScript(scenario, proxy::clientReadResponse);
            manager.connect("tls://127.0.0.1:" + proxy.port(), Options.defaults().withTls(clientContext), client);
            pollUntil(manager, () -> client.log().isClosed() && server.isDone(),
                    () -> "scenario " + scenario + " did not finish within " + DEADLINE + "\n  client: " + client.log()
                            + "\n  server: " + server.log());
            awaitProxy(proxy);
            return new ScenarioResult(scenario, client.log(), server.log(), proxy.response());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fault proxy for " + scenario, e);
        }
    }

    /** Polls {@code manager} until {@code done}, failing with {@code state} after {@link #DEADLINE}. */
    static void pollUntil(Manager manager, BooleanSupplier done, Supplier<String> state) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(state.get());
            }
            manager.poll(POLL_MILLIS);
        }
    }

    private static void awaitProxy(FaultProxy proxy) {
        try {
            proxy.awaitFinished(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        proxy.assertNoFailure();
    }
}
