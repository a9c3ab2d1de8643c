package dev.meerkat.tls.spi;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The rules of the {@link TlsPolicy}, each with what it demands, as the policy table prints it. */
public enum PolicyRule {
    VERSIONS("versions", TlsPolicy.MIN_VERSION.protocolName() + " to " + TlsPolicy.MAX_VERSION.protocolName()),
    TLS12_SUITES("TLS 1.2 suites", "ECDHE + AEAD only (no CBC, no SHA-1 MAC, no static RSA): "
            + String.join(" ", TlsPolicy.TLS12_SUITES)),
    TLS13_SUITES("TLS 1.3 suites", String.join(" ", TlsPolicy.TLS13_SUITES)),
    GROUPS("named groups", TlsPolicy.groups(true).stream().map(TlsPolicy.NamedGroup::ianaName)
            .collect(Collectors.joining(" ")) + " (the hybrid first where the backend has it: `meerkat providers` says which do)"),
    SIGNATURE_SCHEMES("signature schemes", Arrays.stream(TlsPolicy.SignatureScheme.values())
            .map(TlsPolicy.SignatureScheme::ianaName).collect(Collectors.joining(" "))),
    CLIENT_RENEGOTIATION("client-initiated renegotiation", "refused by every server"),
    SERVER_RENEGOTIATION("server-initiated renegotiation", "declined by every client, which keeps reading"),
    RECORD_LIMITS("record limits", "a first (plaintext) record over 2^14 bytes, a later one over 2^14+256"
            + " (the TLS 1.3 limit; the policy's TLS 1.2 suites stay within it): refused by the core from its"
            + " header, with a plaintext record_overflow alert during the handshake, close_notify after it");

    private final String title;
    private final String demand;

    PolicyRule(String title, String demand) {
        this.title = title;
        this.demand = demand;
    }

    public String title() {
        return title;
    }

    /** What the policy demands, the same for every provider. */
    public String demand() {
        return demand;
    }
}
