package dev.meerkat.tls;

/** The TLS versions Meerkat speaks. Older versions are not offered by any provider. */
public enum TlsVersion {
    TLS_1_2("TLSv1.2"),
    TLS_1_3("TLSv1.3");

    private final String protocolName;

    TlsVersion(String protocolName) {
        this.protocolName = protocolName;
    }

    /** The JSSE-style name, "TLSv1.2" or "TLSv1.3". */
    public String protocolName() {
        return protocolName;
    }

    public static TlsVersion ofProtocolName(String name) {
        for (TlsVersion v : values()) {
            if (v.protocolName.equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("expected TLSv1.2 or TLSv1.3 but was " + name);
    }
}
