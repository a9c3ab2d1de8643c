package dev.meerkat.tls.openssl.jna;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * An ALPN preference list in the wire format of RFC 7301 section 3.1 (each protocol name prefixed by
 * its one-byte length), and the server's choice from a client's list.
 */
final class AlpnProtocols {

    private final List<byte[]> names;
    private final byte[] wire;

    private AlpnProtocols(List<byte[]> names, byte[] wire) {
        this.names = names;
        this.wire = wire;
    }

    static AlpnProtocols of(List<String> protocols) throws TlsException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<byte[]> names = protocols.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toList();
        for (int i = 0; i < names.size(); i++) {
            byte[] name = names.get(i);
            if (name.length == 0 || name.length > 255) {
                throw new TlsException(Kind.CONFIGURATION, "expected an ALPN protocol name of 1 to 255 bytes but '"
                        + protocols.get(i) + "' has " + name.length);
            }
            wire.write(name.length);
            wire.writeBytes(name);
        }
        return new AlpnProtocols(names, wire.toByteArray());
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    byte[] wire() {
        return wire.clone();
    }

    /**
     * The offset in {@code offered} (a client's wire-format list) of the length byte of our most
     * preferred protocol that the client offered, or -1 when there is none (or the list is malformed).
     */
    int select(byte[] offered) {
        for (byte[] name : names) {
            for (int i = 0; i < offered.length; i += 1 + (offered[i] & 0xff)) {
                int length = offered[i] & 0xff;
                if (i + 1 + length > offered.length) {
                    return -1;
                }
                if (Arrays.equals(offered, i + 1, i + 1 + length, name, 0, name.length)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
