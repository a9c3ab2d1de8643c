package dev.meerkat.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A TLS handshake from its start to its end, in JDK Flight Recorder; {@code failure} is set when it did not finish. */
@Name("dev.meerkat.TlsHandshake")
@Label("TLS Handshake")
@Category({"Meerkat", "TLS"})
@Description("A TLS handshake of a Meerkat connection: provider, version, cipher suite, resumption, or why it failed")
@StackTrace(false)
final class HandshakeJfrEvent extends ConnectionJfrEvent {
    @Label("Protocol")
    String protocol;
    @Label("Cipher Suite")
    String cipherSuite;
    @Label("Resumed")
    boolean resumed;
    @Label("Failure")
    String failure;
}
