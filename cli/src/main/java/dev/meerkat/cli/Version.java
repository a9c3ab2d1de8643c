package dev.meerkat.cli;

import dev.meerkat.http.HttpClientOptions;
import picocli.CommandLine;

/** {@code --version}: the project version, which the HTTP client's default User-Agent ({@code meerkat/<version>}) carries. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"meerkat " + projectVersion(), "Java " + Runtime.version()};
    }

    static String projectVersion() {
        String userAgent = HttpClientOptions.defaults().userAgent();
        return userAgent.substring(userAgent.indexOf('/') + 1);
    }
}
