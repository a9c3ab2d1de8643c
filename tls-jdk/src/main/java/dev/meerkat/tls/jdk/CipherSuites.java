package dev.meerkat.tls.jdk;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.spi.TlsPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;

/** The TLS policy's suites as SunJSSE enables them: JSSE names the suites by their IANA names. */
final class CipherSuites {

    /** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746) is a signal, not a cipher: kept as SunJSSE sends it. */
    private static final String RENEGOTIATION_SCSV = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";

    private CipherSuites() {
    }

    /** The policy's suites for {@code config}; a suite the config names that the JDK lacks is an error. */
    static String[] enabled(TlsConfig config, SSLContext context) throws TlsException {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        List<String> wanted = TlsPolicy.suites(config);
        List<String> unsupported = wanted.stream().filter(s -> !supported.contains(s)).toList();
        if (!config.cipherSuites().isEmpty() && !unsupported.isEmpty()) {
            throw new TlsException(Kind.CONFIGURATION, "expected cipher suites the JDK supports but "
                    + unsupported + " are not supported");
        }
        List<String> enabled = new ArrayList<>(wanted);
        enabled.removeAll(unsupported);
        if (supported.contains(RENEGOTIATION_SCSV)) {
            enabled.add(RENEGOTIATION_SCSV);
        }
        return enabled.toArray(new String[0]);
    }
}
