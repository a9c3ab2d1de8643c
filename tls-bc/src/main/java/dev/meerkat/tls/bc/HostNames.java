package dev.meerkat.tls.bc;

/** The one host name question SNI asks: is it an IP literal (RFC 6066 section 3 forbids those)? */
final class HostNames {

    private HostNames() {
    }

    /** True for IPv6 literals (they hold ':') and dotted IPv4 literals. */
    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }
}
