package dev.meerkat.tls.bc;

import dev.meerkat.tls.spi.KeyLogWriter;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.jspecify.annotations.Nullable;

/**
 * The key log of the "bc" provider. Bouncy Castle writes no NSS lines itself, so the secrets are
 * read from the connection's {@link SecurityParameters} while they exist:
 * <ul>
 * <li>TLS 1.3 handshake traffic secrets live only until the handshake ends. They are read as soon as
 *     the ServerHello set them: on a client when EncryptedExtensions arrive ({@code processServerExtensions}),
 *     on a server when BC asks for the CertificateRequest, right after it sent the ServerHello. A
 *     handshake that fails later can still be decrypted up to its failure.</li>
 * <li>TLS 1.3 application traffic secrets, the exporter secret and the TLS 1.2 master secret are read
 *     at handshake complete, before any KeyUpdate replaces them.</li>
 * </ul>
 * {@link TlsSecret#extract()} destroys the secret it reads, so each is copied first
 * ({@code TlsCrypto.adoptSecret}), as BC itself does to keep a session's master secret.
 */
final class BcKeyLog {

    private final @Nullable KeyLogWriter writer;

    /** {@code writer}: null when the config has no key log; every method does nothing then. */
    BcKeyLog(@Nullable KeyLogWriter writer) {
        this.writer = writer;
    }

    /** TLS 1.3: the handshake traffic secrets, once the ServerHello was sent or received. */
    void handshakeSecrets(TlsContext context) {
        SecurityParameters parameters = context.getSecurityParametersHandshake();
        if (writer == null || parameters == null || !TlsUtils.isTLSv13(parameters.getNegotiatedVersion())) {
            return;
        }
        write(context, parameters, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", parameters.getTrafficSecretClient());
        write(context, parameters, "SERVER_HANDSHAKE_TRAFFIC_SECRET", parameters.getTrafficSecretServer());
    }

    /** At handshake complete: TLS 1.3's first application traffic secrets and exporter secret, or TLS 1.2's master secret. */
    void handshakeComplete(TlsContext context) {
        SecurityParameters parameters = context.getSecurityParametersConnection();
        if (writer == null || parameters == null) {
            return;
        }
        if (TlsUtils.isTLSv13(parameters.getNegotiatedVersion())) {
            write(context, parameters, "CLIENT_TRAFFIC_SECRET_0", parameters.getTrafficSecretClient());
            write(context, parameters, "SERVER_TRAFFIC_SECRET_0", parameters.getTrafficSecretServer());
            write(context, parameters, "EXPORTER_SECRET", parameters.getExporterMasterSecret());
        } else {
            write(context, parameters, "CLIENT_RANDOM", parameters.getMasterSecret());
        }
    }

    private void write(TlsContext context, SecurityParameters parameters, String label, @Nullable TlsSecret secret) {
        if (secret != null && secret.isAlive()) {
            writer.secret(label, parameters.getClientRandom(), context.getCrypto().adoptSecret(secret).extract());
        }
    }
}
