package dev.meerkat.tls;

import org.jspecify.annotations.Nullable;

/**
 * Whether a provider can be used here. When it cannot, {@code reason} says why (a missing jar, a
 * native library that failed to load) so that the error a user sees names the cause.
 *
 * @param available true when contexts can be made
 * @param library   the library behind the provider with its version, e.g. "OpenSSL 3.0.19"
 * @param reason    why it is unavailable, or null
 */
public record Availability(boolean available, @Nullable String library, @Nullable String reason) {

    /**
     * {@return a usable provider's availability}
     *
     * @param library the library behind the provider with its version, e.g. "OpenSSL 3.0.19"
     */
    public static Availability available(String library) {
        return new Availability(true, library, null);
    }

    /**
     * {@return an unusable provider's availability}
     *
     * @param reason why it cannot be used, for the user: the missing jar or the load failure
     */
    public static Availability unavailable(String reason) {
        return new Availability(false, null, reason);
    }
}
