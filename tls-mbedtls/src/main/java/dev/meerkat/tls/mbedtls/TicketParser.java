package dev.meerkat.tls.mbedtls;

import com.sun.jna.Pointer;
import java.lang.System.Logger.Level;

/**
 * The server's ticket parse callback: MbedTLS's own mbedtls_ssl_ticket_parse, and on success a note
 * to the engine, because MbedTLS 2.28 has no getter that says a server resumed. The callback gets the
 * ticket keys and a session struct on MbedTLS's stack (ssl_srv.c copies it into the handshake only
 * afterwards), never the mbedtls_ssl_context, so the engine is found another way: MbedTLS calls it on
 * the caller's thread, inside mbedtls_ssl_handshake, so it is the engine whose handshake this thread
 * is running ({@link #handshake}).
 *
 * <p>One static callback instance, for the reason {@link MbedCallbacks} gives; no exception may
 * cross into native code, and a failed parse only means a full handshake.
 */
final class TicketParser {

    private static final System.Logger LOG = System.getLogger(TicketParser.class.getName());

    private static final ThreadLocal<MbedTlsEngine> HANDSHAKING = new ThreadLocal<>();

    static final LibMbedTls.TicketParseCallback PARSE = TicketParser::parse;

    private TicketParser() {
    }

    /** mbedtls_ssl_handshake for {@code engine}, which a ticket parsed meanwhile on this thread belongs to. */
    static int handshake(MbedTlsEngine engine, Pointer ssl) {
        HANDSHAKING.set(engine);
        try {
            return LibMbedTls.mbedtls_ssl_handshake(ssl);
        } finally {
            HANDSHAKING.remove();
        }
    }

    private static int parse(Pointer tickets, Pointer session, Pointer buffer, long length) {
        try {
            int result = LibMbedTls.mbedtls_ssl_ticket_parse(tickets, session, buffer, length);
            MbedTlsEngine engine = HANDSHAKING.get();
            if (result == 0 && engine != null) {
                engine.ticketAccepted();
            }
            return result;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "MbedTLS ticket parse callback failed; the handshake goes on without resuming", e);
            return MbedCallbacks.INTERNAL_ERROR;  // MbedTLS ignores the ticket: a full handshake
        }
    }
}
