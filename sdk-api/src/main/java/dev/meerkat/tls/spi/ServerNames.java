package dev.meerkat.tls.spi;

import java.util.regex.Pattern;

/**
 * The one host name question a provider asks before it sends SNI: RFC 6066 section 3, "Literal IPv4
 * and IPv6 addresses are not permitted in HostName", so such a host is verified against the
 * certificate's IP addresses but never sent as a server name.
 */
public final class ServerNames {

    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private ServerNames() {
    }

    /**
     * {@return true for IPv6 literals (they hold ':') and dotted-quad IPv4 literals}
     *
     * @param host the host a client connects to
     */
    public static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches();
    }
}
