/**
 * TLS provider {@code openssl-jna}: the system's OpenSSL 3 through JNA. Exports nothing:
 * ServiceLoader finds it through {@code provides}, and users choose it by name. It needs no
 * BoringSSL: what it shares with the {@code openssl} provider lives in {@code dev.meerkat.tls.spi}.
 *
 * <p>Plain {@code requires}, for the reason given in {@code dev.meerkat.tls.bc}: a static
 * dependency would leave JNA unresolved on the module path.
 */
@SuppressWarnings("requires-automatic") // JNA's jar names its module only in the manifest: com.sun.jna
module dev.meerkat.tls.openssl.jna {
    requires dev.meerkat;
    requires com.sun.jna;

    provides dev.meerkat.tls.TlsProvider with dev.meerkat.tls.openssl.jna.OpenSslJnaProvider;
}
