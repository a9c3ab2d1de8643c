package dev.meerkat.benchmarks.server;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.TestPki;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * One certificate for both servers: the PEM files the spec names, else TestPki's EC P-256 localhost
 * chain. Both sides keep their default TLS versions and cipher order, as a deployment would.
 */
final class ServerCertificate {

    private ServerCertificate() {
    }

    /** A Meerkat server context of the provider the spec names; an unavailable provider fails with its reason. */
    static TlsContext meerkatContext(ServerSpec spec) throws TlsException {
        KeyMaterial key = KeyMaterial.fromPem(chain(spec), key(spec));
        return TlsProviders.newContext(spec.tls(), TlsConfig.server(key).build());
    }

    /** A Netty server context for {@link SslProvider} {@code JDK} or {@code OPENSSL} (BoringSSL via tcnative). */
    static SslContext nettyContext(ServerSpec spec) throws SSLException {
        SslProvider provider = SslProvider.valueOf(spec.tls().toUpperCase(Locale.ROOT));
        if (provider != SslProvider.JDK && !OpenSsl.isAvailable()) {
            throw new SSLException("expected Netty's " + provider + " (netty-tcnative) to load but it did not",
                    OpenSsl.unavailabilityCause());
        }
        return SslContextBuilder.forServer(chain(spec).toFile(), key(spec).toFile()).sslProvider(provider).build();
    }

    private static Path chain(ServerSpec spec) {
        return spec.chainPem() != null ? spec.chainPem() : TestPki.get().serverChainPem();
    }

    private static Path key(ServerSpec spec) {
        return spec.keyPem() != null ? spec.keyPem() : TestPki.get().serverKeyPem();
    }
}
