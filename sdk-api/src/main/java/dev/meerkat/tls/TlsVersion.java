package dev.meerkat.tls;

/** The TLS versions Meerkat speaks. Older versions are not offered by any provider. */
public enum TlsVersion {
    /** TLS 1.2 (RFC 5246). */
    TLS_1_2("TLSv1.2"),
    /** TLS 1.3 (RFC 8446). */
    TLS_1_3("TLSv1.3");

    private final String protocolName;

    TlsVersion(String protocolName) {
        this.protocolName = protocolName;
    }

    /** {@return the JSSE-style name, "TLSv1.2" or "TLSv1.3"} */
    public String protocolName() {
        return protocolName;
    }

    /**
     * {@return the version with this JSSE-style name}
     *
     * @param name "TLSv1.2" or "TLSv1.3"
     * @throws IllegalArgumentException for any other name
     */
    public static TlsVersion ofProtocolName(String name) {
        for (TlsVersion v : values()) {
            if (v.protocolName.equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("expected TLSv1.2 or TLSv1.3 but was " + name);
    }
}
