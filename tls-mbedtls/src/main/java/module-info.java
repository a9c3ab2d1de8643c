/**
 * TLS provider {@code mbedtls}: the system's MbedTLS 2.28 through JNA. Exports nothing:
 * ServiceLoader finds it through {@code provides}, and users choose it by name.
 *
 * <p>Plain {@code requires}, for the reason given in {@code dev.meerkat.tls.bc}: a static
 * dependency would leave JNA unresolved on the module path.
 */
@SuppressWarnings("requires-automatic") // JNA's jar names its module only in the manifest: com.sun.jna
module dev.meerkat.tls.mbedtls {
    requires dev.meerkat;
    requires com.sun.jna;

    provides dev.meerkat.tls.TlsProvider with dev.meerkat.tls.mbedtls.MbedTlsProvider;
}
