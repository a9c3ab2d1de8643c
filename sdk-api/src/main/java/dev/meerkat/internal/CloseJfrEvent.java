package dev.meerkat.internal;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The one close of a TCP connection, in JDK Flight Recorder: group by provider and reason to count
 * truncations per provider. {@code provider} is null on plain TCP.
 */
@Name("dev.meerkat.ConnectionClose")
@Label("Connection Close")
@Category({"Meerkat", "Connection"})
@Description("How a Meerkat TCP connection ended (CloseReason), on which TLS provider, and the bytes it moved")
@StackTrace(false)
final class CloseJfrEvent extends ConnectionJfrEvent {
    @Label("Reason")
    String reason;
    @Label("Truncation")
    @Description("The reason says data may be missing at the end of the stream")
    boolean truncation;
    @Label("Bytes In")
    @DataAmount
    long bytesIn;
    @Label("Bytes Out")
    @DataAmount
    long bytesOut;
    @Label("Cause")
    String cause;
}
