package dev.meerkat.tls;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether a provider does an optional thing, such as writing a key log ({@link TlsProvider#keyLogging()}),
 * and when it does not, why: the reason a user sees in the refusal and in {@code meerkat providers}.
 *
 * @param supported true when the provider does it
 * @param reason    why it does not, or null when it does
 */
public record Support(boolean supported, @Nullable String reason) {

    private static final Support YES = new Support(true, null);

    /** {@return supported} */
    public static Support yes() {
        return YES;
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
}
