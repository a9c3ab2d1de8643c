/**
 * TLS provider {@code openssl}: BoringSSL through netty-tcnative JNI. Exports nothing:
 * ServiceLoader finds it through {@code provides}, and users choose it by name. The system
 * OpenSSL through JNA is the separate module {@code dev.meerkat.tls.openssl.jna}; what both share
 * lives in {@code dev.meerkat.tls.spi}, so neither pulls in the other's native library.
 *
 * <p>Plain {@code requires}, for the reason given in {@code dev.meerkat.tls.bc}: a static
 * dependency would leave tcnative unresolved on the module path. The BoringSSL binary jar
 * ({@code io.netty.internal.tcnative.openssl.<os>.<arch>}) holds only {@code META-INF/native/}; its
 * name depends on the platform, so it cannot be required here. On the module path add it to the
 * graph ({@code --add-modules ALL-MODULE-PATH}, or its name) or leave it on the class path;
 * unresolved, the {@code openssl} provider reports the library missing.
 */
module dev.meerkat.tls.openssl {
    requires dev.meerkat;
    requires io.netty.tcnative.classes.openssl;

    provides dev.meerkat.tls.TlsProvider with dev.meerkat.tls.openssl.OpenSslTlsProvider;
}
