package dev.meerkat.cli;

import dev.meerkat.faults.Fault;
import dev.meerkat.faults.FaultProxy;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;

/**
 * {@code meerkat proxy}: a TCP proxy that breaks the server's stream the way real networks and
 * servers do, so a user can see what their own client makes of a cut, a reset or a missing
 * close_notify. It reads TLS record by record without decrypting (the suite's
 * {@link FaultProxy}); the client's bytes pass unchanged. Runs until Ctrl-C.
 */
@CommandLine.Command(name = "proxy", sortOptions = false,
        description = "A TCP proxy that cuts, resets, delays or splits the server's stream; Ctrl-C stops it.")
final class ProxyCommand implements Command {

    @CommandLine.Option(names = "--listen", paramLabel = "URL", required = true,
            description = "Where to listen, e.g. tcp://127.0.0.1:8443 (the scheme is not used: TLS passes through).")
    private String listen;

    @CommandLine.Option(names = "--upstream", paramLabel = "HOST:PORT", required = true,
            description = "The server to forward to.")
    private String upstream;

    @CommandLine.Option(names = "--fault", paramLabel = "F", required = true, converter = FaultSpec.class,
            description = "One of " + FaultSpec.NAMES + "; N counts the server's bytes per connection."
                    + " Repeat to combine, e.g. one-byte-segments with cut-after=N.")
    private List<Fault> faults = new ArrayList<>();

    /** Parses {@code proxy}'s arguments. */
    static ProxyCommand parse(List<String> arguments) throws UsageException {
        return Main.parse(new ProxyCommand(), arguments);
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException {
        FaultProxy proxy = start(out, err);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            stopped.countDown();
        }, "meerkat-proxy-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.SUCCESS;
    }

    /** Starts proxying and prints where; the caller stops it with {@link FaultProxy#close()}. */
    FaultProxy start(PrintStream out, PrintStream err) throws UsageException {
        InetSocketAddress from = listenAddress(listen);
        InetSocketAddress to = upstreamAddress(upstream);
        FaultProxy proxy;
        try {
            proxy = FaultProxy.listen(from, to, line -> err.println("meerkat proxy: " + line),
                    faults.toArray(Fault[]::new));
        } catch (IllegalArgumentException e) {
            throw new UsageException("proxy: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UsageException("proxy: cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        out.println("meerkat proxy: listening on tcp://" + from.getHostString() + ":" + proxy.port() + ", forwarding to "
                + to.getHostString() + ":" + to.getPort() + " with " + faults);
        return proxy;
    }

    static InetSocketAddress listenAddress(String url) throws UsageException {
        return address("--listen", url, url, "a URL with a host and a port, such as tcp://127.0.0.1:8443");
    }

    static InetSocketAddress upstreamAddress(String hostPort) throws UsageException {
        return address("--upstream", "tcp://" + hostPort, hostPort, "HOST:PORT, such as 127.0.0.1:8443");
    }

    private static InetSocketAddress address(String option, String uriText, String given, String expected)
            throws UsageException {
        try {
            URI uri = new URI(uriText);
            if (uri.getHost() != null && uri.getPort() >= 0) {
                return new InetSocketAddress(uri.getHost(), uri.getPort());
            }
        } catch (URISyntaxException e) {
            // Reported below with what was given.
        }
        throw new UsageException("proxy: option " + option + " expects " + expected + " but was '" + given + "'");
    }
}
