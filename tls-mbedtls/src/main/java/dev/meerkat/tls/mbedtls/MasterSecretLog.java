package dev.meerkat.tls.mbedtls;

import com.sun.jna.Pointer;
import dev.meerkat.tls.spi.KeyLogWriter;
import java.lang.System.Logger.Level;

/**
 * The key log of a config with one (mbedtls_ssl_conf_export_keys_ext_cb): MbedTLS calls it when it
 * derives a connection's keys, full handshake or resumed, with the TLS 1.2 master secret and the
 * client random, which make the NSS {@code CLIENT_RANDOM} line.
 *
 * <p>One instance per context, which holds it: JNA keeps the native trampoline only while the
 * object is reachable, and the config that names it lives as long as the context or any of its
 * engines. No exception may cross into native code, and a line that cannot be written must not
 * fail the handshake, so every failure is logged and 0 returned.
 */
final class MasterSecretLog implements LibMbedTls.ExportKeysCallback {

    private static final System.Logger LOG = System.getLogger(MasterSecretLog.class.getName());
    /** RFC 5246 section 8.1: the master secret is always 48 bytes. */
    private static final int MASTER_SECRET_BYTES = 48;
    /** RFC 5246 section 7.4.1.2: ClientHello.random is 32 bytes. */
    private static final int RANDOM_BYTES = 32;

    private final KeyLogWriter writer;

    MasterSecretLog(KeyLogWriter writer) {
        this.writer = writer;
    }

    @Override
    public int invoke(Pointer arg, Pointer masterSecret, Pointer keyBlock, long macLength, long keyLength,
                      long ivLength, Pointer clientRandom, Pointer serverRandom, int prfType) {
        try {
            writer.secret("CLIENT_RANDOM", clientRandom.getByteArray(0, RANDOM_BYTES),
                    masterSecret.getByteArray(0, MASTER_SECRET_BYTES));
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "writing the key log line failed; the connection goes on without it", e);
        }
        return 0;
    }
}
