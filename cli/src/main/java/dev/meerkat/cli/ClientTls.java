package dev.meerkat.cli;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import java.nio.file.Path;

/** The client TLS context the options {@code --tls}, {@code --cacert} and {@code -k} describe. */
final class ClientTls {

    private ClientTls() {
    }

    /**
     * A client context from {@code provider} (null: {@link TlsProviders#select}'s default) trusting
     * {@code cacert} (null: the system store), or verifying nothing when {@code insecure}.
     */
    static TlsContext context(String provider, Path cacert, boolean insecure) throws UsageException {
        TlsConfig.Builder config = TlsConfig.client();
        try {
            if (cacert != null) {
                config.trustPem(cacert);
            }
        } catch (TlsException e) {
            throw new UsageException("cannot read the CA certificates of --cacert " + cacert + ": " + e.getMessage(), e);
        }
        if (insecure) {
            config.insecureSkipVerification();
        }
        return newContext(provider, config.build());
    }

    /** A context of the provider named (null: the default), or a usage error that says why not. */
    static TlsContext newContext(String provider, TlsConfig config) throws UsageException {
        try {
            return TlsProviders.newContext(provider, config);
        } catch (TlsException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
