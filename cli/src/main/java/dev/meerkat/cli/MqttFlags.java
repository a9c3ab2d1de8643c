package dev.meerkat.cli;

import dev.meerkat.Options;
import dev.meerkat.mqtt.MqttClientOptions;
import dev.meerkat.mqtt.MqttVersion;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;

/**
 * The connection flags {@code meerkat mqtt pub} and {@code sub} share, named as mosquitto's. They
 * take -h for the host and -V for the protocol version, so help is --help only.
 */
final class MqttFlags {

    @CommandLine.Option(names = "--help", usageHelp = true, description = "Show this help.")
    private boolean help;

    @CommandLine.Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "Broker host (default: localhost).")
    private String host = "localhost";

    @CommandLine.Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "Broker port (default: 1883, or 8883 over TLS).")
    private Integer port;

    @CommandLine.Option(names = {"-u", "--username"}, paramLabel = "USER", description = "User name.")
    private String username;

    @CommandLine.Option(names = {"-P", "--pw"}, paramLabel = "PASSWORD", description = "Password.")
    private String password;

    @CommandLine.Option(names = {"-i", "--id"}, paramLabel = "ID", description = "Client identifier (default: random).")
    private String clientId;

    @CommandLine.Option(names = {"-k", "--keepalive"}, paramLabel = "SECONDS", description = "Keep-alive (default: 60).")
    private int keepAlive = 60;

    @CommandLine.Option(names = {"-V", "--protocol-version"}, paramLabel = "VERSION",
            description = "mqttv311 (default) or mqttv5; also 311 and 5.")
    private String version = "mqttv311";

    @CommandLine.Option(names = "--cafile", paramLabel = "FILE", description = "Use TLS, trusting the PEM certificates in FILE.")
    private Path cafile;

    @CommandLine.Option(names = "--cert", paramLabel = "FILE", description = "Use TLS with this client certificate chain (PEM).")
    private Path cert;

    @CommandLine.Option(names = "--key", paramLabel = "FILE", description = "The client certificate's private key (PEM).")
    private Path key;

    @CommandLine.Option(names = "--insecure", description = "Use TLS without verifying the broker's certificate.")
    private boolean insecure;

    @CommandLine.Option(names = "--tls", paramLabel = "NAME", description = "Use TLS with this provider (see 'meerkat providers').")
    private String provider;

    /** The client options the flags describe; TLS when any TLS flag was given. */
    MqttClientOptions.Builder options() throws UsageException {
        boolean tls = cafile != null || cert != null || insecure || provider != null;
        String url = (tls ? "mqtts://" : "mqtt://") + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + (port != null ? port : tls ? 8883 : 1883);
        MqttClientOptions.Builder b = MqttClientOptions.builder(url).version(version()).username(username)
                .keepAlive(Duration.ofSeconds(keepAlive)).reconnect(false)
                .password(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        if (clientId != null) {
            b.clientId(clientId);
        }
        if (tls) {
            b.connection(Options.defaults().withTls(ClientTls.newContext(provider, tlsConfig())));
        }
        return b;
    }

    private MqttVersion version() throws UsageException {
        return switch (version) {
            case "mqttv311", "311" -> MqttVersion.V3_1_1;
            case "mqttv5", "5" -> MqttVersion.V5;
            default -> throw new UsageException("-V: expected mqttv311 or mqttv5 but was '" + version + "'", null);
        };
    }

    private TlsConfig tlsConfig() throws UsageException {
        if ((cert == null) != (key == null)) {
            throw new UsageException("--cert and --key go together but only " + (cert != null ? "--cert" : "--key")
                    + " was given", null);
        }
        TlsConfig.Builder config = TlsConfig.client();
        try {
            if (cafile != null) {
                config.trustPem(cafile);
            }
            if (cert != null) {
                config.keyMaterial(KeyMaterial.fromPem(cert, key));
            }
        } catch (TlsException e) {
            throw new UsageException("cannot read " + (cert != null ? cert + " and " + key : "--cafile " + cafile)
                    + ": " + e.getMessage(), e);
        }
        if (insecure) {
            config.insecureSkipVerification();
        }
        return config.build();
    }
}
