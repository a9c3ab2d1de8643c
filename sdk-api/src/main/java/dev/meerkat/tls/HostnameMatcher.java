package dev.meerkat.tls;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Server identity checks of RFC 9525 (which obsoletes RFC 6125), shared by every provider.
 *
 * <ul>
 * <li>Only subjectAltName entries count: a DNS host against dNSName entries, an IP literal
 *     (IPv4, IPv6, bracketed IPv6) against iPAddress entries compared as bytes. The subject CN is
 *     never used (RFC 9525 section 6.3).</li>
 * <li>Names compare case-insensitively as A-labels (IDNs go through {@link IDN#toASCII}); one
 *     trailing dot is ignored.</li>
 * <li>A wildcard is only the whole left-most label and matches exactly one label (section 6.3):
 *     {@code *.example.com} matches {@code a.example.com}, not {@code example.com} nor
 *     {@code a.b.example.com}. Partial wildcards ({@code f*.example.com}) and wildcards over a
 *     single label ({@code *.com}) never match.</li>
 * </ul>
 */
public final class HostnameMatcher {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private HostnameMatcher() {
    }

    /**
     * Checks the server's identity. Thread-safe.
     *
     * @param certificate the server's leaf certificate
     * @param host        the host the client meant: a DNS name or an IP literal, IPv6 with or
     *                    without brackets
     * @return true when {@code host} is one of the certificate's subjectAltName identities; false
     *         otherwise, also for an empty host or a certificate whose names cannot be read
     */
    public static boolean matches(X509Certificate certificate, String host) {
        return matches(sanEntries(certificate, SAN_DNS), sanEntries(certificate, SAN_IP), host);
    }

    /** The matching rules on plain lists: dNSName strings and iPAddress strings as the JDK renders them. */
    static boolean matches(List<String> dnsNames, List<String> ipAddresses, String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        byte[] ip = ipLiteral(host);
        if (ip != null) {
            return ipAddresses.stream().anyMatch(san -> Arrays.equals(ip, ipLiteral(san)));
        }
        String name = normalize(host);
        return name != null && dnsNames.stream().anyMatch(san -> matchesDnsName(san, name));
    }

    /** The certificate's SAN identities as "DNS:name" and "IP:address", for error messages. */
    static List<String> describeNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        sanEntries(certificate, SAN_DNS).forEach(n -> names.add("DNS:" + n));
        sanEntries(certificate, SAN_IP).forEach(n -> names.add("IP:" + n));
        return names;
    }

    private static boolean matchesDnsName(String san, String host) {
        String pattern = normalize(san);
        if (pattern == null) {
            return false;
        }
        if (!pattern.contains("*")) {
            return pattern.equals(host);
        }
        if (!pattern.startsWith("*.") || pattern.indexOf('*', 1) >= 0) {
            return false;
        }
        String parent = pattern.substring(2);
        int firstDot = host.indexOf('.');
        // A wildcard needs at least two labels after it: "*.com" would cover a whole TLD.
        return parent.contains(".") && firstDot > 0 && host.substring(firstDot + 1).equals(parent);
    }

    /** Lower-case A-label form without one trailing dot; null when it is not a usable DNS name. */
    private static String normalize(String name) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (trimmed.isEmpty() || trimmed.startsWith(".") || trimmed.contains("..")) {
            return null;
        }
        try {
            return IDN.toASCII(trimmed, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The address bytes of an IPv4 or IPv6 literal, else null. Never resolves a name. */
    private static byte[] ipLiteral(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (s.contains(":")) {
            return ipv6(s);
        }
        return ipv4(s);
    }

    private static byte[] ipv6(String s) {
        if (Character.digit(s.charAt(0), 16) < 0 && s.charAt(0) != ':') {
            return null;
        }
        try {
            // Starting with a hex digit or colon and holding a colon, the JDK parses it as an IPv6
            // literal or fails: it never asks DNS.
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!isOctetDigits(parts[i])) {
                return null;
            }
            int octet = Integer.parseInt(parts[i]);
            if (octet > 255) {
                return null;
            }
            address[i] = (byte) octet;
        }
        return address;
    }

    /** One to three ASCII digits: checked by hand, as a regex here compiled a Pattern per handshake. */
    private static boolean isOctetDigits(String part) {
        if (part.isEmpty() || part.length() > 3) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static List<String> sanEntries(X509Certificate certificate, int type) {
        List<String> entries = new ArrayList<>();
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all == null) {
                return entries;
            }
            for (List<?> entry : all) {
                if (entry.size() >= 2 && entry.get(0) instanceof Integer t && t == type
                        && entry.get(1) instanceof String value) {
                    entries.add(value);
                }
            }
        } catch (CertificateParsingException e) {
            // An unparsable SAN extension names nobody: the match fails and the error says so.
            return entries;
        }
        return entries;
    }
}
