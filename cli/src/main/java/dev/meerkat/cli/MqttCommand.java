package dev.meerkat.cli;

import picocli.CommandLine;

/** {@code meerkat mqtt pub|sub}: an MQTT client with mosquitto_pub's and mosquitto_sub's main flags. */
@CommandLine.Command(name = "mqtt", description = "Publish or subscribe over MQTT 3.1.1 or 5.0, like mosquitto_pub/sub.",
        subcommands = {MqttPubCommand.class, MqttSubCommand.class})
final class MqttCommand {
}
