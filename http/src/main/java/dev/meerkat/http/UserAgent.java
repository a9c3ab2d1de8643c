package dev.meerkat.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The default {@code User-Agent} of {@link HttpClient}: {@code meerkat/<version>}, the version the build wrote. */
final class UserAgent {

    static final String DEFAULT = "meerkat/" + projectVersion();

    private UserAgent() {
    }

    private static String projectVersion() {
        try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("expected version.properties next to " + UserAgent.class.getName()
                        + " but the build did not put it there");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties: " + e.getMessage(), e);
        }
    }
}
