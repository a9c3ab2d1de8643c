package dev.meerkat.tls.bc;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.Capabilities;
import dev.meerkat.tls.Support;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.BaseTlsProvider;
import dev.meerkat.tls.spi.PolicyEnforcement;
import dev.meerkat.tls.spi.PolicyRule;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Provider "bc": Bouncy Castle's low-level, non-blocking {@code TlsClientProtocol} /
 * {@code TlsServerProtocol}. It decrypts records as they are offered and reports alerts and the end
 * of input exactly, which is what an event loop needs; BCJSSE's SSLEngine would add a second state
 * machine on top.
 *
 * <h2>Crypto</h2>
 * <ul>
 * <li>{@link Crypto#JCA} (the default): BC's TLS protocol over the JDK's own JCA providers
 *     ({@code JcaTlsCrypto} without a provider name), in-memory bulk throughput near the JDK
 *     engine's (about 0.8x its speed with AES-GCM, docs/benchmarks.md).</li>
 * <li>{@link Crypto#BC}: pure Bouncy Castle primitives ({@code BcTlsCrypto}), for users who need BC's
 *     own implementations (for instance to keep every primitive inside BC). It costs bulk speed:
 *     BC's pure-Java AES-GCM runs at about 70 MB/s, some thirty times slower than the JCA path, while
 *     full handshakes are about three times faster (BC's pure-Java EC). See docs/benchmarks.md.</li>
 * </ul>
 * {@link #withCrypto(Crypto)} fixes the choice; the provider found by {@link java.util.ServiceLoader}
 * reads the system property {@value #CRYPTO_PROPERTY} ({@code jca} or {@code bc}) each time a
 * context is made.
 *
 * <p>The provider never registers a JCA provider: {@code Security.addProvider} is not called and the
 * JVM's provider list is left as it is.
 *
 * <p>TLS 1.2 session resumption (session IDs) works on both sides through a per-context cache.
 * TLS 1.3 resumption (PSK from NewSessionTicket) is not offered: Bouncy Castle 1.84's low-level
 * client reads and discards TLS 1.3 tickets and its server sends none.
 *
 * <p>This class loads without Bouncy Castle on the class path: every BC type is behind
 * {@link BcLibrary}, which is touched only after the probe succeeded.
 */
public final class BcTlsProvider extends BaseTlsProvider {

    /** The name users choose this provider by: {@code TlsProviders.named("bc")}. */
    public static final String NAME = "bc";

    /** System property choosing the crypto of the default provider: "jca" (default) or "bc". */
    public static final String CRYPTO_PROPERTY = "meerkat.tls.bc.crypto";

    /** Below jdk (10): selected by default only when asked for, or when it is the only provider. */
    static final int PRIORITY = 5;

    private static final Capabilities CAPABILITIES =
            new Capabilities(EnumSet.allOf(TlsVersion.class), true, true, true, true);

    /** BC's server signs with a scheme the client offered and its key can make. */
    private static final PolicyEnforcement POLICY = PolicyEnforcement.full()
            .except(PolicyRule.SIGNATURE_SCHEMES, "client: offers the policy's list; server: signs with a scheme"
                    + " the client offered that its key can make");

    /** Where the cryptographic primitives come from. */
    public enum Crypto {
        /** The JDK's JCA providers through BC's {@code JcaTlsCrypto}: fast. */
        JCA,
        /** Bouncy Castle's own pure-Java primitives through {@code BcTlsCrypto}: about 50 MB/s bulk. */
        BC
    }

    /** The crypto every context uses; null: the system property decides per context. */
    private final @Nullable Crypto fixedCrypto;

    /** The provider {@link java.util.ServiceLoader} makes: crypto from {@value #CRYPTO_PROPERTY}. */
    public BcTlsProvider() {
        super(NAME, PRIORITY, CAPABILITIES);
        this.fixedCrypto = null;
    }

    private BcTlsProvider(Crypto crypto) {
        super(NAME, PRIORITY, CAPABILITIES);
        this.fixedCrypto = Objects.requireNonNull(crypto, "crypto");
    }

    /**
     * A provider that always uses {@code crypto}, whatever the system property says.
     *
     * @param crypto the primitives under the TLS protocol
     * @return a provider named {@code bc}, for {@link dev.meerkat.tls.TlsProvider#newContext}
     */
    public static BcTlsProvider withCrypto(Crypto crypto) {
        return new BcTlsProvider(crypto);
    }

    @Override
    public PolicyEnforcement policy() {
        return POLICY;
    }

    /** From the TLS 1.2 master secret and the TLS 1.3 traffic secrets, read during the handshake (BcKeyLog). */
    @Override
    public Support keyLogging() {
        return Support.yes();
    }

    @Override
    public Availability availability() {
        return Probe.RESULT;
    }

    /** X25519MLKEM768 where this provider's crypto has ML-KEM ({@link BcHybrid}). */
    @Override
    public Support hybridKeyExchange() {
        if (!availability().available()) {
            return Support.unavailable(availability());
        }
        try {
            return BcHybrid.status(crypto());
        } catch (TlsException e) {
            return Support.no(e.getMessage());
        }
    }

    @Override
    protected TlsContext openContext(TlsConfig config) throws TlsException {
        return BcLibrary.newContext(config, crypto());
    }

    /** The crypto a new context uses: the fixed choice, else the system property, else JCA. */
    Crypto crypto() throws TlsException {
        if (fixedCrypto != null) {
            return fixedCrypto;
        }
        String value = System.getProperty(CRYPTO_PROPERTY);
        if (value == null || value.isBlank()) {
            return Crypto.JCA;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "jca" -> Crypto.JCA;
            case "bc" -> Crypto.BC;
            default -> throw new TlsException(Kind.CONFIGURATION,
                    "expected " + CRYPTO_PROPERTY + " to be jca or bc but was '" + value + "'");
        };
    }

    /** Probed once: whether the BC classes load here, and their version. */
    private static final class Probe {
        static final Availability RESULT = probe();

        private static Availability probe() {
            try {
                return Availability.available(BcLibrary.describe());
            } catch (LinkageError e) {
                return Availability.unavailable("Bouncy Castle TLS classes are missing or unusable (add "
                        + "org.bouncycastle:bctls-jdk18on, bcprov-jdk18on and bcutil-jdk18on): " + e);
            } catch (RuntimeException e) {
                return Availability.unavailable("Bouncy Castle TLS failed to initialise: " + e);
            }
        }
    }
}
