package dev.meerkat.tls.spi;

import java.util.EnumMap;
import java.util.Map;

/**
 * How one provider applies each {@link PolicyRule}: "enforced" unless the provider states how its
 * backend differs, so that every exception to the policy is written down where the table prints it.
 */
public final class PolicyEnforcement {

    /** What {@link #how} says of a rule the provider applies as the policy states it. */
    public static final String ENFORCED = "enforced";

    private final Map<PolicyRule, String> exceptions;

    private PolicyEnforcement(Map<PolicyRule, String> exceptions) {
        this.exceptions = exceptions;
    }

    /** {@return an enforcement in which every rule is applied as the policy states it} */
    public static PolicyEnforcement full() {
        return new PolicyEnforcement(new EnumMap<>(PolicyRule.class));
    }

    /**
     * {@return a copy in which {@code rule} is applied as {@code how} says, not fully} This object
     * does not change.
     *
     * @param rule the rule the backend cannot apply in full
     * @param how  what the backend does instead, for the policy table
     */
    public PolicyEnforcement except(PolicyRule rule, String how) {
        Map<PolicyRule, String> copy = new EnumMap<>(PolicyRule.class);
        copy.putAll(exceptions);
        copy.put(rule, how);
        return new PolicyEnforcement(copy);
    }

    /**
     * {@return true when {@code rule} is applied as the policy states it}
     *
     * @param rule the rule
     */
    public boolean enforces(PolicyRule rule) {
        return !exceptions.containsKey(rule);
    }

    /**
     * {@return {@value #ENFORCED}, or how this provider differs}
     *
     * @param rule the rule
     */
    public String how(PolicyRule rule) {
        return exceptions.getOrDefault(rule, ENFORCED);
    }
}
