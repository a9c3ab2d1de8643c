package dev.meerkat.cli;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import java.nio.file.Path;

/** The client TLS of {@code get}: {@code --tls}, {@code --cacert}, {@code -k}, {@code --cert} and {@code --key}. */
record TlsSettings(String provider, Path cacert, boolean insecure, Path cert, Path key) {

    /** The client context these settings describe. */
    TlsContext context() throws UsageException {
        if ((cert == null) != (key == null)) {
            throw new UsageException("get: options --cert and --key go together but only "
                    + (cert == null ? "--key" : "--cert") + " was given");
        }
        // Like curl: SSLKEYLOGFILE, when set, names the key log.
        TlsConfig.Builder config = ClientTls.config(cacert, insecure).keyLogFromEnvironment();
        if (cert != null) {
            config.keyMaterial(clientKey());
        }
        return ClientTls.newContext(provider, config.build());
    }

    private KeyMaterial clientKey() throws UsageException {
        try {
            return KeyMaterial.fromPem(cert, key);
        } catch (TlsException e) {
            throw new UsageException("get: cannot read --cert " + cert + " and --key " + key + ": " + e.getMessage(), e);
        }
    }
}
