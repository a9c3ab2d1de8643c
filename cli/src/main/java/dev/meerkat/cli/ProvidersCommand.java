package dev.meerkat.cli;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.Capabilities;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.PolicyTable;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * {@code meerkat providers}: every TLS provider on the class path, whether it can be used, what it
 * supports, and how it applies each rule of the TLS policy.
 */
@CommandLine.Command(name = "providers", description = "The TLS providers, whether each is available, what it supports and the TLS policy each enforces.")
final class ProvidersCommand implements Command {

    @Override
    public int run(PrintStream out, PrintStream err) {
        List<TlsProvider> providers = TlsProviders.all();
        if (providers.isEmpty()) {
            err.println("meerkat providers: no TLS provider on the class path");
            return Main.FAILURE;
        }
        Table table = new Table("name", ">priority", "available", "library", "TLS versions", "ALPN", "resumption",
                "key log");
        for (TlsProvider p : providers) {
            Availability a = p.availability();
            Capabilities c = p.capabilities();
            table.row(p.name(), p.priority(), a.available() ? "yes" : "no: " + a.reason(),
                    a.library() == null ? "-" : a.library(), versions(c), yesNo(c.alpn()), yesNo(c.sessionResumption()),
                    yesNo(p.keyLogging().supported()));
        }
        table.print(out);
        KeyLogNotes.print(providers, out);
        out.println();
        printHybridKeyExchange(out, providers);
        out.println();
        out.println("TLS policy (docs/SECURITY-POLICY.md), rule by rule:");
        out.print(PolicyTable.render(providers));
        return Main.SUCCESS;
    }

    /** One line per provider: whether it offers X25519MLKEM768 first, and why not (README, "Post-quantum key exchange"). */
    private static void printHybridKeyExchange(PrintStream out, List<TlsProvider> providers) {
        out.println("Post-quantum key exchange (X25519MLKEM768 first, else X25519):");
        int width = providers.stream().mapToInt(p -> p.name().length()).max().orElse(0);
        for (TlsProvider p : providers) {
            out.printf("  %-" + width + "s  %s%n", p.name(), p.hybridKeyExchange().describe());
        }
    }

    private static String versions(Capabilities c) {
        return c.versions().stream().sorted().map(TlsVersion::protocolName).collect(Collectors.joining(" "));
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
