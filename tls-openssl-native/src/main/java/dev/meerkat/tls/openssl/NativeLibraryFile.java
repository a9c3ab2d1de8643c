package dev.meerkat.tls.openssl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Finds the netty-tcnative-boringssl-static library for this platform inside its jar and copies it
 * to a temporary file that {@link System#load} can open.
 *
 * <p>The file name must keep the form {@code lib netty_tcnative_<os>_<arch> ... .so}: the library's
 * JNI_OnLoad reads a shading prefix from the text before {@code netty_tcnative} in its own file name
 * and would look for classes under that prefix.
 */
final class NativeLibraryFile {

    private static final String RESOURCE_FOLDER = "META-INF/native/";

    private NativeLibraryFile() {
    }

    /** The library's base name for this os/arch, e.g. "libnetty_tcnative_linux_x86_64.so", or null. */
    static String nameFor(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = normalizeArch(osArch.toLowerCase(Locale.ROOT));
        if (arch == null) {
            return null;
        }
        if (os.startsWith("linux")) {
            return "libnetty_tcnative_linux_" + arch + ".so";
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "libnetty_tcnative_osx_" + arch + ".jnilib";
        }
        if (os.startsWith("windows") && arch.equals("x86_64")) {
            return "netty_tcnative_windows_x86_64.dll";
        }
        return null;
    }

    private static String normalizeArch(String arch) {
        return switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> null;
        };
    }

    /** Copies the named library from {@code loader} to a fresh temporary file and returns it. */
    static Path extract(String libraryName, ClassLoader loader) throws IOException {
        String resource = RESOURCE_FOLDER + libraryName;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("expected " + resource + " on the class path (netty-tcnative-boringssl-static"
                        + " jar for this platform) but found none");
            }
            int dot = libraryName.lastIndexOf('.');
            Path file = Files.createTempFile(libraryName.substring(0, dot), libraryName.substring(dot));
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
