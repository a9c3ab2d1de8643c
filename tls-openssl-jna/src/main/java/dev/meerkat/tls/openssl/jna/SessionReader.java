package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsSession;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the outcome of a completed handshake off an SSL as a {@link TlsSession}. JNA makes a new
 * String for each name read; the names are interned, since every idle connection keeps its session
 * (docs/server-benchmarks.md, memory section).
 */
final class SessionReader {

    private SessionReader() {
    }

    static TlsSession read(Pointer ssl, boolean client) throws TlsException {
        Pointer cipher = LibSsl.SSL_get_current_cipher(ssl);
        return new TlsSession(OpenSslJnaProvider.NAME, LibSsl.SSL_get_version(ssl).intern(),
                cipher == null ? null : LibSsl.SSL_CIPHER_standard_name(cipher).intern(), selectedAlpn(ssl),
                peerCertificates(ssl, client), LibSsl.SSL_session_reused(ssl) == 1, negotiatedGroup(ssl));
    }

    /** SSL_get_negotiated_group (a macro over SSL_ctrl), named as TLS names it; null when none. */
    private static String negotiatedGroup(Pointer ssl) {
        int group = (int) LibSsl.SSL_ctrl(ssl, LibSsl.SSL_CTRL_GET_NEGOTIATED_GROUP, 0, null);
        String name = group == 0 ? null : LibSsl.SSL_group_to_name(ssl, group);
        return name == null ? null : name.intern();
    }

    /** SSL_get0_alpn_selected: a pointer into the SSL and a length; length 0 means none was agreed. */
    private static String selectedAlpn(Pointer ssl) {
        try (Memory out = new Memory(16)) {
            out.clear();
            LibSsl.SSL_get0_alpn_selected(ssl, out, out.share(8));
            int length = out.getInt(8);
            Pointer data = out.getPointer(0);
            return length == 0 || data == null ? null
                    : new String(data.getByteArray(0, length), StandardCharsets.UTF_8);
        }
    }

    /**
     * Leaf first. SSL_get_peer_cert_chain includes the peer's own certificate on a client but not on
     * a server (documented OpenSSL inconsistency), where the leaf comes from SSL_get0_peer_certificate.
     */
    private static List<X509Certificate> peerCertificates(Pointer ssl, boolean client) throws TlsException {
        List<X509Certificate> chain = X509Codec.fromStack(LibSsl.SSL_get_peer_cert_chain(ssl));
        if (client) {
            return chain;
        }
        Pointer leaf = LibSsl.SSL_get0_peer_certificate(ssl);
        if (leaf == null) {
            return List.of();
        }
        List<X509Certificate> withLeaf = new ArrayList<>();
        withLeaf.add(X509Codec.fromNative(leaf));
        withLeaf.addAll(chain);
        return withLeaf;
    }
}
