package dev.meerkat.tls.bc;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.SecureRandom;
import java.util.jar.JarFile;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The only door from {@link BcTlsProvider} to Bouncy Castle types: loading this class fails with a
 * {@link LinkageError} when the BC jars are missing, which the provider turns into "unavailable".
 */
final class BcLibrary {

    private BcLibrary() {
    }

    /** "Bouncy Castle 1.84", read from bctls' manifest; touching TlsClientProtocol proves it loads. */
    static String describe() {
        Class<?> protocol = TlsClientProtocol.class;
        return "Bouncy Castle " + versionOf(protocol);
    }

    static TlsContext newContext(TlsConfig config, BcTlsProvider.Crypto crypto) throws TlsException {
        return new BcTlsContext(config, newCrypto(crypto));
    }

    /**
     * JCA uses the JVM's provider list as it is (the JDK's SunJCE/SunEC first, see
     * {@link JdkJcaCrypto}); no BC JCA provider is created or registered.
     */
    static TlsCrypto newCrypto(BcTlsProvider.Crypto crypto) {
        SecureRandom random = new SecureRandom();
        return switch (crypto) {
            case JCA -> new JdkJcaCrypto(random);
            case BC -> new BcTlsCrypto(random);
        };
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        String fromManifest = bundleVersion(type.getProtectionDomain().getCodeSource());
        return fromManifest != null ? fromManifest : "(version unknown)";
    }

    /** bctls' manifest carries only OSGi headers: "Bundle-Version: 1.84". */
    private static String bundleVersion(CodeSource source) {
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try (JarFile jar = new JarFile(Path.of(source.getLocation().toURI()).toFile())) {
            return jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Bundle-Version");
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
