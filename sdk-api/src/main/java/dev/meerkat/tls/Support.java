package dev.meerkat.tls;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether a provider does an optional thing, such as writing a key log ({@link TlsProvider#keyLogging()})
 * or offering X25519MLKEM768 ({@link TlsProvider#hybridKeyExchange()}), and how, or why not: the
 * reason a user sees in a refusal and in {@code meerkat providers}.
 *
 * @param supported true when the provider does it
 * @param detail    what does it, e.g. "BoringSSL (netty-tcnative)", or why not; null only when supported
 *                  without a detail
 */
public record Support(boolean supported, @Nullable String detail) {

    private static final Support YES = new Support(true, null);

    /**
     * Checks that an unsupported thing says why.
     *
     * @param supported true when the provider does it
     * @param detail    what does it, or why not
     */
    public Support {
        if (!supported) {
            Objects.requireNonNull(detail, "why not");
        }
    }

    /** {@return supported, without a detail} */
    public static Support yes() {
        return YES;
    }

    /**
     * Supported, saying what does it.
     *
     * @param how what implements it, e.g. "BoringSSL (netty-tcnative)"
     * @return supported, with the detail
     */
    public static Support yes(String how) {
        return new Support(true, Objects.requireNonNull(how, "how"));
    }

    /**
     * Not supported.
     *
     * @param reason why not, as a user should read it
     * @return unsupported, with the reason
     */
    public static Support no(String reason) {
        return new Support(false, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Not supported because the provider cannot be used here at all.
     *
     * @param availability the provider's availability, whose reason is quoted
     * @return unsupported, quoting the availability's reason
     */
    public static Support unavailable(Availability availability) {
        return no("the provider is unavailable (" + availability.reason() + ")");
    }

    /** {@return "yes", "yes: detail" or "no: detail", as {@code meerkat providers} prints it} */
    public String describe() {
        String answer = supported ? "yes" : "no";
        return detail == null ? answer : answer + ": " + detail;
    }
}
