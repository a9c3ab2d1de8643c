package dev.meerkat.examples.onebackend;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Chooses no backend by name: {@link TlsProviders#select} with no name takes the best available
 * provider that ServiceLoader finds, and with only meerkat-tls-bc at run time that is {@code bc}.
 * Then a TLS echo over it on 127.0.0.1. Run with the argument {@code class-path} or
 * {@code module-path}, saying how it was launched; it checks that too. Throws (exit status 1)
 * when anything differs from what is expected.
 */
public final class OneBackend {

    private static final String MESSAGE = "hello over the one backend";

    public static void main(String[] args) throws Exception {
        String launchedOn = OneBackend.class.getModule().isNamed() ? "module-path" : "class-path";
        expect("launched on", args[0], launchedOn);
        List<String> found = TlsProviders.all().stream().map(TlsProvider::name).toList();
        expect("providers found", List.of("bc"), found);
        TlsProvider provider = TlsProviders.select(null);
        expect("provider module", args[0].equals("module-path") ? "dev.meerkat.tls.bc" : null,
                provider.getClass().getModule().getName());
        expect("echo", MESSAGE, echo(provider));
        System.out.println("OK: " + launchedOn + " found only " + provider.name() + " ("
                + provider.availability().library() + ") and echoed over it");
    }

    /** A TLS echo server and a client on {@code provider}; returns what came back. */
    private static String echo(TlsProvider provider) throws Exception {
        KeyMaterial key = KeyMaterial.selfSigned("127.0.0.1");
        Options server = Options.defaults().withTls(provider.newContext(TlsConfig.server(key).build()));
        Options client = Options.defaults().withTls(provider.newContext(
                TlsConfig.client().trustCertificates(List.of(key.leaf())).build()));
        AtomicReference<String> received = new AtomicReference<>();
        try (Manager manager = new Manager()) {
            Connection listener = manager.listen("tls://127.0.0.1:0", server, (c, event) -> {
                if (event instanceof Event.Read read) {
                    c.send(read.data());
                }
            });
            manager.connect("tls://127.0.0.1:" + listener.localAddress().getPort(), client, (c, event) -> {
                if (event instanceof Event.TlsHandshake) {
                    c.send(MESSAGE.getBytes(StandardCharsets.UTF_8));
                } else if (event instanceof Event.Read read && read.data().remaining() >= MESSAGE.length()) {
                    received.set(StandardCharsets.UTF_8.decode(read.data()).toString());
                    c.closeAfterFlush();
                }
            });
            for (int i = 0; i < 200 && received.get() == null; i++) {
                manager.poll(50);
            }
        }
        return received.get();
    }

    private static void expect(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new IllegalStateException(what + ": expected " + expected + " but was " + actual);
        }
    }
}
