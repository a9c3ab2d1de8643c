package dev.meerkat.tls.spi;

import java.util.EnumMap;
import java.util.Map;

/**
 * How one provider applies each {@link PolicyRule}: "enforced" unless the provider states how its
 * backend differs, so that every exception to the policy is written down where the table prints it.
 */
public final class PolicyEnforcement {

    public static final String ENFORCED = "enforced";

    private final Map<PolicyRule, String> exceptions;

    private PolicyEnforcement(Map<PolicyRule, String> exceptions) {
        this.exceptions = exceptions;
    }

    /** Every rule enforced as the policy states it. */
    public static PolicyEnforcement full() {
        return new PolicyEnforcement(new EnumMap<>(PolicyRule.class));
    }

    /** A copy in which {@code rule} is applied as {@code how} says, not fully. */
    public PolicyEnforcement except(PolicyRule rule, String how) {
        Map<PolicyRule, String> copy = new EnumMap<>(PolicyRule.class);
        copy.putAll(exceptions);
        copy.put(rule, how);
        return new PolicyEnforcement(copy);
    }

    public boolean enforces(PolicyRule rule) {
        return !exceptions.containsKey(rule);
    }

    /** "enforced", or how this provider differs. */
    public String how(PolicyRule rule) {
        return exceptions.getOrDefault(rule, ENFORCED);
    }
}
