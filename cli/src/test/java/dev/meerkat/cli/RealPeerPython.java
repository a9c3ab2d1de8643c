package dev.meerkat.cli;

import dev.meerkat.tls.TlsVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Peers on Python's {@code ssl} module (OpenSSL underneath, its own TLS state machine and socket
 * handling): a server that omits close_notify, and a client that tells whether the server sent it.
 */
final class RealPeerPython {

    /**
     * Answers every request with an HTTP/1.0 close-delimited body, written in pieces of a given size
     * (each write is one TLS record up to 16 KiB), and then ends TCP without
     * close_notify: it detaches the socket from the TLS layer (no {@code unwrap()}, so no
     * SSL_shutdown) and sends FIN: the server of Mongoose issue 2570. It then reads until the client
     * closes, so that a late alert from the client finds an open socket and no RST cuts the data.
     */
    private static final String SERVER_SCRIPT = """
            import socket, ssl, sys
            cert, key, port, version, body_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
            record_bytes = int(sys.argv[6])
            body = open(body_file, 'rb').read()
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert, key)
            context.minimum_version = context.maximum_version = ssl.TLSVersion[version]
            listener = socket.create_server(('127.0.0.1', port))
            print('listening on', port, flush=True)
            while True:
                raw, _ = listener.accept()
                raw.settimeout(20)
                try:
                    tls = context.wrap_socket(raw, server_side=True)
                    head = b''
                    while not head.endswith(b'\\r\\n\\r\\n'):
                        byte = tls.recv(1)
                        if not byte:
                            raise EOFError('the request head ended early')
                        head += byte
                    tls.sendall(b'HTTP/1.0 200 OK\\r\\nContent-Type: application/octet-stream\\r\\n\\r\\n')
                    for start in range(0, len(body), record_bytes):
                        tls.sendall(body[start:start + record_bytes])
                    plain = socket.socket(fileno=tls.detach())
                    plain.settimeout(20)
                    plain.shutdown(socket.SHUT_WR)
                    while plain.recv(65536):
                        pass
                    plain.close()
                    print('answered', len(body), 'body bytes, then FIN without close_notify', flush=True)
                except (OSError, EOFError) as e:
                    print('connection failed:', e, flush=True)
                    raw.close()
            """;

    /**
     * Sends one GET with {@code Connection: close} and reads to the end with {@code suppress_ragged_eofs=False}, so that an
     * end without close_notify is an error rather than a quiet EOF; prints how it ended, the body's
     * length and SHA-256.
     */
    private static final String CLIENT_SCRIPT = """
            import hashlib, socket, ssl, sys
            port, ca, version, path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
            context = ssl.create_default_context(cafile=ca)
            context.minimum_version = context.maximum_version = ssl.TLSVersion[version]
            raw = socket.create_connection(('127.0.0.1', port), timeout=20)
            tls = context.wrap_socket(raw, server_hostname='localhost', suppress_ragged_eofs=False)
            tls.sendall(('GET ' + path + ' HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n').encode('ascii'))
            received = b''
            try:
                while True:
                    data = tls.recv(65536)
                    if not data:
                        ending = 'close_notify'
                        break
                    received += data
            except ssl.SSLError as e:
                ending = 'error: ' + str(e)
            body = received[received.find(b'\\r\\n\\r\\n') + 4:]
            print(ending, len(body), hashlib.sha256(body).hexdigest())
            """;

    private RealPeerPython() {
    }

    /**
     * Starts the server on {@code port} with only {@code version}, answering with {@code bodyFile}
     * written {@code recordBytes} at a time.
     */
    static RealPeerProcess startTruncatingServer(Path python, Path dir, RealPeerPki pki, int port, TlsVersion version,
            Path bodyFile, int recordBytes) throws IOException, InterruptedException {
        Path script = dir.resolve("truncating_server.py");
        Files.writeString(script, SERVER_SCRIPT, StandardCharsets.US_ASCII);
        return RealPeerProcess.start("python-ssl", dir, List.of(python.toString(), "-u", script.toString(),
                pki.serverChainPem().toString(), pki.serverKey().toString(), Integer.toString(port), pythonName(version),
                bodyFile.toString(), Integer.toString(recordBytes))).awaitListening(port);
    }

    /**
     * The Python client GETs {@code path} from 127.0.0.1:{@code port}; returns its one line: "close_notify"
     * or "error: ..." (how the server ended), the body length and the body's SHA-256.
     */
    static String fetch(Path python, Path dir, Path caPem, int port, TlsVersion version, String path)
            throws IOException, InterruptedException {
        Path script = dir.resolve("close_notify_client.py");
        Files.writeString(script, CLIENT_SCRIPT, StandardCharsets.US_ASCII);
        try (RealPeerProcess client = RealPeerProcess.start("python-ssl-client", dir, List.of(python.toString(),
                script.toString(), Integer.toString(port), caPem.toString(), pythonName(version), path))) {
            return client.awaitExit(30).strip();
        }
    }

    private static String pythonName(TlsVersion version) {
        return version == TlsVersion.TLS_1_2 ? "TLSv1_2" : "TLSv1_3";
    }
}
