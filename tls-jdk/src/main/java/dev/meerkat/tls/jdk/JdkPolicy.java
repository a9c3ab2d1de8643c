package dev.meerkat.tls.jdk;

import dev.meerkat.tls.spi.PolicyEnforcement;
import dev.meerkat.tls.spi.PolicyRule;
import dev.meerkat.tls.spi.TlsPolicy;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import javax.net.ssl.SSLParameters;

/**
 * The TLS policy's named groups and signature schemes on SunJSSE. SSLParameters takes them per
 * engine only from JDK 20 ({@code setNamedGroups}) and JDK 19 ({@code setSignatureSchemes}); on
 * older JDKs the only knobs are the process-wide system properties {@code jdk.tls.namedGroups} and
 * {@code jdk.tls.client/server.SignatureSchemes}, which a library must not set behind its user's back.
 */
final class JdkPolicy {

    private static final MethodHandle SET_NAMED_GROUPS = setter("setNamedGroups");
    private static final MethodHandle SET_SIGNATURE_SCHEMES = setter("setSignatureSchemes");
    private static final String JDK_DEFAULT = "the JDK's defaults: per-engine setting needs JDK ";
    /** Named once: every engine of every context gets the same policy. */
    private static final String[] GROUP_NAMES = TlsPolicy.groups(false).stream()
            .map(TlsPolicy.NamedGroup::ianaName).toArray(String[]::new);
    private static final String[] SCHEME_NAMES = Arrays.stream(TlsPolicy.SignatureScheme.values())
            .map(TlsPolicy.SignatureScheme::ianaName).toArray(String[]::new);

    /** How "jdk" applies the policy on the running JDK. */
    static final PolicyEnforcement ENFORCEMENT = enforcement();

    private JdkPolicy() {
    }

    /** Sets the policy's groups and schemes on {@code parameters} where the running JDK lets us. */
    static void applyGroupsAndSchemes(SSLParameters parameters) {
        invoke(SET_NAMED_GROUPS, parameters, GROUP_NAMES);
        invoke(SET_SIGNATURE_SCHEMES, parameters, SCHEME_NAMES);
    }

    private static PolicyEnforcement enforcement() {
        PolicyEnforcement policy = PolicyEnforcement.full()
                .except(PolicyRule.SERVER_RENEGOTIATION, "cannot decline: SunJSSE answers a HelloRequest with a"
                        + " ClientHello; the close_notify ending the unanswered renegotiation is taken as clean")
                .except(PolicyRule.RECORD_LIMITS, "enforced, but the alert after the handshake is unexpected_message:"
                        + " SunJSSE never sends record_overflow");
        if (SET_NAMED_GROUPS == null) {
            policy = policy.except(PolicyRule.GROUPS, JDK_DEFAULT + "20");
        }
        return SET_SIGNATURE_SCHEMES == null ? policy.except(PolicyRule.SIGNATURE_SCHEMES, JDK_DEFAULT + "19") : policy;
    }

    private static MethodHandle setter(String name) {
        try {
            return MethodHandles.publicLookup().findVirtual(SSLParameters.class, name,
                    MethodType.methodType(void.class, String[].class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    private static void invoke(MethodHandle setter, SSLParameters parameters, String[] names) {
        if (setter == null) {
            return;
        }
        try {
            setter.invoke(parameters, names.clone());
        } catch (Throwable e) {
            throw new IllegalStateException("expected SSLParameters to take " + Arrays.toString(names), e);
        }
    }
}
