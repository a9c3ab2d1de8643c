package dev.meerkat.cli;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import java.nio.file.Path;

/** Client TLS from the options {@code --tls}, {@code --cacert} and {@code -k}. */
final class ClientTls {

    private ClientTls() {
    }

    /** A client configuration trusting {@code cacert} (null: the system store), or nothing when {@code insecure}. */
    static TlsConfig.Builder config(Path cacert, boolean insecure) throws UsageException {
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
        return config;
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
