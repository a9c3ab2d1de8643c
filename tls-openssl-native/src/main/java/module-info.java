/**
 * TLS providers {@code openssl} (BoringSSL through netty-tcnative JNI) and {@code openssl-jna} (the
 * system's OpenSSL 3 through JNA). Exports nothing: ServiceLoader finds both through
 * {@code provides}, and users choose them by name.
 *
 * <p>Plain {@code requires}, for the reason given in {@code dev.meerkat.tls.bc}: a static
 * dependency would leave tcnative and JNA unresolved on the module path. The BoringSSL binary jar
 * ({@code io.netty.internal.tcnative.openssl.<os>.<arch>}) holds only {@code META-INF/native/}; its
 * name depends on the platform, so it cannot be required here. On the module path add it to the
 * graph ({@code --add-modules ALL-MODULE-PATH}, or its name) or leave it on the class path;
 * unresolved, the {@code openssl} provider reports the library missing.
 */
@SuppressWarnings("requires-automatic") // JNA's jar names its module only in the manifest: com.sun.jna
module dev.meerkat.tls.openssl {
    requires dev.meerkat;
    requires io.netty.tcnative.classes.openssl;
    requires com.sun.jna;

    provides dev.meerkat.tls.TlsProvider with
            dev.meerkat.tls.openssl.OpenSslTlsProvider,
            dev.meerkat.tls.openssl.jna.OpenSslJnaProvider;
}
