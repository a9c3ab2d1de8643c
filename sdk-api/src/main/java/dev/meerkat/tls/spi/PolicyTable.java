package dev.meerkat.tls.spi;

import dev.meerkat.tls.TlsProvider;
import java.util.List;

/**
 * The policy table as text: each rule, what it demands, and how each provider applies it. The CLI
 * prints it ({@code meerkat providers}) and docs/SECURITY-POLICY.md holds its output.
 */
public final class PolicyTable {

    private PolicyTable() {
    }

    /**
     * One block per rule: its demand, then one line per provider.
     *
     * @param providers the providers to list, in this order
     * @return the table, lines ended with {@code \n}
     */
    public static String render(List<TlsProvider> providers) {
        StringBuilder text = new StringBuilder();
        int width = providers.stream().mapToInt(p -> p.name().length()).max().orElse(0);
        for (PolicyRule rule : PolicyRule.values()) {
            text.append(rule.title()).append(": ").append(rule.demand()).append('\n');
            for (TlsProvider provider : providers) {
                text.append("  ").append(pad(provider.name(), width)).append("  ")
                        .append(provider.policy().how(rule)).append('\n');
            }
        }
        return text.toString();
    }

    private static String pad(String name, int width) {
        return name + " ".repeat(width - name.length());
    }
}
