package dev.meerkat.cli;

import dev.meerkat.tls.Support;
import dev.meerkat.tls.TlsProvider;
import java.io.PrintStream;
import java.util.List;

/** Under {@code meerkat providers}' table: why a provider writes no key log, and how the others are asked to. */
final class KeyLogNotes {

    private KeyLogNotes() {
    }

    static void print(List<TlsProvider> providers, PrintStream out) {
        out.println();
        out.println("key log: get and serve append TLS secrets to the file SSLKEYLOGFILE names, as curl does.");
        for (TlsProvider p : providers) {
            Support keyLog = p.keyLogging();
            if (!keyLog.supported()) {
                out.println("  " + p.name() + " writes none: " + keyLog.detail());
            }
        }
    }
}
