package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9525 matching rules, on plain SAN lists (the certificate path is tested in tls-conformance). */
class HostnameMatcherTest {

    private static boolean dns(String san, String host) {
        return HostnameMatcher.matches(List.of(san), List.of(), host);
    }

    private static boolean ip(String san, String host) {
        return HostnameMatcher.matches(List.of(), List.of(san), host);
    }

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource({
        "localhost, localhost",
        "example.com, EXAMPLE.com",
        "Example.COM, example.com",
        "example.com, example.com.",
        "example.com., example.com",
        "*.example.com, a.example.com",
        "*.example.com, A.Example.Com.",
        "*.sub.example.com, x.sub.example.com",
        "xn--bcher-kva.example, bücher.example",
        "*.xn--bcher-kva.example, www.bücher.example",
    })
    void matchesDnsNames(String san, String host) {
        assertThat(dns(san, host)).isTrue();
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource({
        "example.com, www.example.com",
        "www.example.com, example.com",
        "example.com, example.org",
        "example.com, example.com..",
        "*.example.com, example.com",
        "*.example.com, a.b.example.com",
        "*.example.com, .example.com",
        "f*.example.com, foo.example.com",
        "*oo.example.com, foo.example.com",
        "a.*.example.com, a.b.example.com",
        "*.*.example.com, a.b.example.com",
        "*.com, example.com",
        "*, localhost",
        "*., localhost",
        "localhost, ''",
    })
    void rejectsDnsNames(String san, String host) {
        assertThat(dns(san, host)).isFalse();
    }

    @Test
    void rejectsNullHost() {
        assertThat(dns("localhost", null)).isFalse();
    }

    @ParameterizedTest(name = "IP {0} matches {1}")
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:1, [::1]",
        "0:0:0:0:0:0:0:1, 0:0:0:0:0:0:0:1",
        "2001:db8:0:0:0:0:0:1, 2001:DB8::1",
        "192.168.1.10, 192.168.1.10",
    })
    void matchesIpAddresses(String san, String host) {
        assertThat(ip(san, host)).isTrue();
    }

    @ParameterizedTest(name = "IP {0} does not match {1}")
    @CsvSource({
        "127.0.0.1, 127.0.0.2",
        "127.0.0.1, ::1",
        "0:0:0:0:0:0:0:1, 127.0.0.1",
        "127.0.0.1, 127.0.0.1.1",
        "127.0.0.1, 127.0.0.256",
        "127.0.0.1, 127.0.0.0001",
        "127.0.0.1, 127.0.0.+1",
        "127.0.0.1, 127..0.1",
        "127.0.0.1, localhost",
    })
    void rejectsIpAddresses(String san, String host) {
        assertThat(ip(san, host)).isFalse();
    }

    @Test
    void ipLiteralsNeverMatchDnsNames() {
        assertThat(dns("127.0.0.1", "127.0.0.1")).isFalse();
        assertThat(dns("*.0.0.1", "127.0.0.1")).isFalse();
    }

    @Test
    void dnsNamesNeverMatchIpEntries() {
        assertThat(ip("127.0.0.1", "localhost")).isFalse();
    }

    @Test
    void findsTheHostAmongSeveralNames() {
        List<String> names = List.of("a.example", "*.b.example", "localhost");
        assertThat(HostnameMatcher.matches(names, List.of("127.0.0.1"), "x.b.example")).isTrue();
        assertThat(HostnameMatcher.matches(names, List.of("127.0.0.1"), "127.0.0.1")).isTrue();
        assertThat(HostnameMatcher.matches(names, List.of("127.0.0.1"), "c.example")).isFalse();
    }
}
