package dev.meerkat.tls.openssl;

import dev.meerkat.tls.Availability;
import io.netty.internal.tcnative.Library;
import io.netty.internal.tcnative.SSL;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Loads netty-tcnative (BoringSSL) once per class loader, on first use. Every reference to tcnative
 * classes from the provider goes through here, so a missing jar surfaces as a {@link LinkageError}
 * the provider catches, never as a class that fails to load.
 */
final class TcnativeLibrary {

    private TcnativeLibrary() {
    }

    /** Available with the BoringSSL version, or unavailable with the load failure. */
    static Availability availability() {
        return Holder.AVAILABILITY;
    }

    private static final class Holder {
        static final Availability AVAILABILITY = load();
    }

    private static String tcnativeVersion() {
        Properties properties = new Properties();
        try (InputStream in = Library.class.getResourceAsStream(
                "/META-INF/maven/io.netty/netty-tcnative-classes/pom.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown version";
        }
        return properties.getProperty("version", "unknown version");
    }

    private static Availability load() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        String name = NativeLibraryFile.nameFor(os, arch);
        if (name == null) {
            return Availability.unavailable("no tcnative native library for " + os + "/" + arch);
        }
        try {
            Path file = NativeLibraryFile.extract(name, TcnativeLibrary.class.getClassLoader());
            System.load(file.toAbsolutePath().toString());
            // "provided": the library is already loaded; initialize only binds it.
            Library.initialize("provided", null);
            return Availability.available(SSL.versionString() + " (netty-tcnative " + tcnativeVersion() + ")");
        } catch (Exception | LinkageError e) {
            return Availability.unavailable("netty-tcnative native library failed to load: " + e);
        }
    }
}
