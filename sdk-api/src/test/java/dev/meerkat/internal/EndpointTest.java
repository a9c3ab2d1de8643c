package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void parsesSchemesHostsAndPorts() {
        assertThat(Endpoint.parse("tcp://127.0.0.1:80")).isEqualTo(new Endpoint(Endpoint.Scheme.TCP, "127.0.0.1", 80));
        assertThat(Endpoint.parse("UDP://localhost:0")).isEqualTo(new Endpoint(Endpoint.Scheme.UDP, "localhost", 0));
        assertThat(Endpoint.parse("tls://[::1]:443/path")).isEqualTo(new Endpoint(Endpoint.Scheme.TLS, "::1", 443));
        assertThat(Endpoint.parse("tls://[::1]:443").toString()).isEqualTo("tls://[::1]:443");
    }

    @Test
    void rejectsMalformedUrlsSayingWhy() {
        assertThatThrownBy(() -> Endpoint.parse("http://a:1")).hasMessageContaining("expected scheme tcp, udp or tls but was 'http'");
        assertThatThrownBy(() -> Endpoint.parse("tcp://[::1]")).hasMessageContaining("expected a port");
        assertThatThrownBy(() -> Endpoint.parse("tcp://a:70000")).hasMessageContaining("expected a port 0-65535 but was '70000'");
        assertThatThrownBy(() -> Endpoint.parse("localhost:80")).hasMessageContaining("expected scheme://host:port");
    }

    @Test
    void literalsSkipTheResolver() {
        assertThat(Resolver.isLiteral("127.0.0.1")).isTrue();
        assertThat(Resolver.isLiteral("::1")).isTrue();
        assertThat(Resolver.isLiteral("localhost")).isFalse();
    }
}
