package dev.meerkat.tls.spi;

import dev.meerkat.tls.Availability;

/**
 * Whether a provider offers the post-quantum hybrid group X25519MLKEM768 first (the policy's
 * {@link TlsPolicy.NamedGroup#X25519MLKEM768}), and how, or why not: {@code meerkat providers}
 * prints it. A provider that does not offer it falls back to X25519, so a peer without it still
 * connects.
 *
 * @param offered true when the provider's contexts put X25519MLKEM768 first
 * @param detail  which backend provides it, or why it is missing, e.g. "OpenSSL 3.0.13 has no ML-KEM"
 */
public record HybridKeyExchange(boolean offered, String detail) {

    /**
     * The provider offers it.
     *
     * @param how what implements it, e.g. "BoringSSL (netty-tcnative)"
     * @return offered
     */
    public static HybridKeyExchange offered(String how) {
        return new HybridKeyExchange(true, how);
    }

    /**
     * The provider does not offer it.
     *
     * @param why the reason, as a user should read it
     * @return not offered
     */
    public static HybridKeyExchange notOffered(String why) {
        return new HybridKeyExchange(false, why);
    }

    /**
     * Not offered because the provider cannot be used here at all.
     *
     * @param availability the provider's availability, whose reason is quoted
     * @return not offered
     */
    public static HybridKeyExchange unavailable(Availability availability) {
        return notOffered("the provider is unavailable (" + availability.reason() + ")");
    }

    /** {@return "yes: detail" or "no: detail", as {@code meerkat providers} prints it} */
    public String describe() {
        return (offered ? "yes: " : "no: ") + detail;
    }
}
