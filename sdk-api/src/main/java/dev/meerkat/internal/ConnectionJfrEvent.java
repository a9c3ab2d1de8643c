package dev.meerkat.internal;

import dev.meerkat.Connection;
import java.net.InetSocketAddress;
import jdk.jfr.Event;
import jdk.jfr.Label;

/** The fields every Meerkat JFR event has: which connection, on which provider (abstract: never registered itself). */
abstract class ConnectionJfrEvent extends Event {
    @Label("Connection Id")
    long connectionId;
    @Label("Provider")
    String provider;
    @Label("Client")
    boolean client;
    @Label("Remote Address")
    String remoteAddress;

    final void describe(Connection connection, String providerName) {
        connectionId = connection.id();
        provider = providerName;
        client = connection.isClient();
        InetSocketAddress remote = connection.remoteAddress();
        remoteAddress = remote == null ? null : remote.toString();
    }
}
