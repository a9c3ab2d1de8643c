package dev.meerkat.tls.mbedtls;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An ALPN preference list as the NULL-terminated {@code const char **} that
 * mbedtls_ssl_conf_alpn_protocols keeps a pointer to: the array and its strings live as long as the
 * config. A server picks its own most preferred protocol the client offered, and answers no overlap
 * with a fatal no_application_protocol alert (RFC 7301 section 3.2), as MbedTLS does by itself.
 */
final class AlpnList {

    private final Memory array;
    private final List<Memory> names;

    private AlpnList(Memory array, List<Memory> names) {
        this.array = array;
        this.names = names;
    }

    static AlpnList of(List<String> protocols) throws TlsException {
        List<Memory> names = new ArrayList<>();
        Memory array = new Memory((protocols.size() + 1L) * Native.POINTER_SIZE);
        for (int i = 0; i < protocols.size(); i++) {
            byte[] name = protocols.get(i).getBytes(StandardCharsets.UTF_8);
            if (name.length == 0 || name.length > 255) {
                throw new TlsException(Kind.CONFIGURATION, "expected an ALPN protocol name of 1 to 255 bytes but '"
                        + protocols.get(i) + "' has " + name.length);
            }
            Memory text = new Memory(name.length + 1L);
            text.write(0, name, 0, name.length);
            text.setByte(name.length, (byte) 0);
            names.add(text);
            array.setPointer((long) i * Native.POINTER_SIZE, text);
        }
        array.setPointer((long) protocols.size() * Native.POINTER_SIZE, null);
        return new AlpnList(array, names);
    }

    Memory array() {
        return array;
    }

    void free() {
        names.forEach(Memory::close);
        array.close();
    }
}
