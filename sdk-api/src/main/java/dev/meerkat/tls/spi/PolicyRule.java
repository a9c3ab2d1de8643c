package dev.meerkat.tls.spi;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The rules of the {@link TlsPolicy}, each with what it demands, as the policy table prints it. */
public enum PolicyRule {
    /** Only the versions from {@link TlsPolicy#MIN_VERSION} to {@link TlsPolicy#MAX_VERSION}. */
    VERSIONS("versions", TlsPolicy.MIN_VERSION.protocolName() + " to " + TlsPolicy.MAX_VERSION.protocolName()),
    /** Only the TLS 1.2 suites of {@link TlsPolicy#TLS12_SUITES}. */
    TLS12_SUITES("TLS 1.2 suites", "ECDHE + AEAD only (no CBC, no SHA-1 MAC, no static RSA): "
            + String.join(" ", TlsPolicy.TLS12_SUITES)),
    /** Only the TLS 1.3 suites of {@link TlsPolicy#TLS13_SUITES}. */
    TLS13_SUITES("TLS 1.3 suites", String.join(" ", TlsPolicy.TLS13_SUITES)),
    /** Only the named groups of {@link TlsPolicy#groups}, in that order. */
    GROUPS("named groups", TlsPolicy.groups(true).stream().map(TlsPolicy.NamedGroup::ianaName)
            .collect(Collectors.joining(" ")) + " (the hybrid first where the backend has it: `meerkat providers` says which do)"),
    /** Only the signature schemes of {@link TlsPolicy.SignatureScheme}, in that order. */
    SIGNATURE_SCHEMES("signature schemes", Arrays.stream(TlsPolicy.SignatureScheme.values())
            .map(TlsPolicy.SignatureScheme::ianaName).collect(Collectors.joining(" "))),
    /** A server refuses a client's renegotiation. */
    CLIENT_RENEGOTIATION("client-initiated renegotiation", "refused by every server"),
    /** A client declines a server's renegotiation and keeps reading with the first keys. */
    SERVER_RENEGOTIATION("server-initiated renegotiation", "declined by every client, which keeps reading"),
    /** Records over the size limits are refused by the core before the engine sees them. */
    RECORD_LIMITS("record limits", "a first (plaintext) record over 2^14 bytes, a later one over 2^14+256"
            + " (the TLS 1.3 limit; the policy's TLS 1.2 suites stay within it): refused by the core from its"
            + " header, with a plaintext record_overflow alert during the handshake and the engine's own"
            + " encrypted record_overflow after it");

    private final String title;
    private final String demand;

    PolicyRule(String title, String demand) {
        this.title = title;
        this.demand = demand;
    }

    /** {@return the rule's short name, e.g. "named groups"} */
    public String title() {
        return title;
    }

    /** {@return what the policy demands, the same for every provider} */
    public String demand() {
        return demand;
    }
}
