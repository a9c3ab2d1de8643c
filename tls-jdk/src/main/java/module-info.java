/**
 * TLS provider {@code jdk}: the JDK's own SSLEngine. Exports nothing: ServiceLoader finds the
 * provider through {@code provides}, and users choose it by name ({@code TlsProviders.named("jdk")}).
 */
module dev.meerkat.tls.jdk {
    requires dev.meerkat;

    provides dev.meerkat.tls.TlsProvider with dev.meerkat.tls.jdk.JdkTlsProvider;
}
