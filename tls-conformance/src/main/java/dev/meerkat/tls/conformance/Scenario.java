package dev.meerkat.tls.conformance;

import dev.meerkat.faults.Fault;
import dev.meerkat.faults.FaultProxy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One exchange over a {@link FaultProxy}: after the handshake the client sends {@code request};
 * once the server has all of it, it arms the proxy and sends {@code response} in writes of
 * {@code writeSizes} bytes, each after the previous one was flushed (so each becomes its own
 * record), and closes with close_notify right after the last write.
 *
 * @param name       for failure messages
 * @param request    what the client sends
 * @param response   what the server answers
 * @param writeSizes the server's writes; they add up to the response's length
 * @param faults     what the proxy does to the server's bytes
 */
public record Scenario(String name, Payload request, Payload response, List<Integer> writeSizes, List<Fault> faults) {

    /** A small HTTP-like request, as in Mongoose issue 2570. */
    public static final Payload GET = Payload.of("GET /get HTTP/1.1\r\nHost: localhost\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));

    /**
     * Checks that the writes add up to the response.
     *
     * @param name       for failure messages
     * @param request    what the client sends
     * @param response   what the server answers
     * @param writeSizes the server's writes, copied
     * @param faults     what the proxy does to the server's bytes, copied
     * @throws IllegalArgumentException when a write is empty or the writes do not add up to the response
     */
    public Scenario {
        writeSizes = List.copyOf(writeSizes);
        faults = List.copyOf(faults);
        int total = writeSizes.stream().mapToInt(Integer::intValue).sum();
        if (total != response.length() || writeSizes.stream().anyMatch(size -> size < 1)) {
            throw new IllegalArgumentException("expected positive writes adding up to " + response.length()
                    + " bytes but were " + writeSizes);
        }
    }

    /**
     * The client sends {@link #GET}; the server answers {@code writeSizes} bytes of seeded random data.
     *
     * @param name       names the scenario and seeds its data
     * @param writeSizes the server's writes, each its own record
     * @return a scenario without faults
     */
    public static Scenario respond(String name, int... writeSizes) {
        Payload response = Payload.random(Arrays.stream(writeSizes).sum(), name.hashCode());
        return new Scenario(name, GET, response, Arrays.stream(writeSizes).boxed().toList(), List.of());
    }

    /**
     * The client sends a body of seeded random data; the server echoes it in one write.
     *
     * @param name       names the scenario and seeds its data
     * @param bodyLength the body's length in bytes, at least 1
     * @return a scenario without faults
     */
    public static Scenario echo(String name, int bodyLength) {
        Payload body = Payload.random(bodyLength, name.hashCode());
        return new Scenario(name, body, body, List.of(bodyLength), List.of());
    }

    /**
     * This scenario with other proxy faults.
     *
     * @param proxyFaults what the proxy does to the server's bytes, in order
     * @return the new scenario
     */
    public Scenario withFaults(Fault... proxyFaults) {
        return new Scenario(name, request, response, writeSizes, List.of(proxyFaults));
    }

    @Override
    public String toString() {
        return name + " (response " + response.length() + " bytes in writes " + writeSizes + ", faults " + faults + ")";
    }
}
