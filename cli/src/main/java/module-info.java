/**
 * The {@code meerkat} command. It names no backend: whichever provider modules are on the module
 * path (or jars on the class path) are found through {@code dev.meerkat.tls.TlsProvider}.
 * Run it with {@code java -p DIR --add-modules ALL-MODULE-PATH -m dev.meerkat.cli/dev.meerkat.cli.Main}.
 */
module dev.meerkat.cli {
    requires dev.meerkat;
    requires dev.meerkat.http;
    requires dev.meerkat.mqtt;
    requires dev.meerkat.faults;
    requires info.picocli;
    // picocli sets the commands' option fields by reflection.
    opens dev.meerkat.cli to info.picocli;
}
