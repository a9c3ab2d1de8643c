package dev.meerkat.tls.mbedtls;

import com.sun.jna.Memory;

/**
 * The sizes of the MbedTLS structs this provider allocates, and the few field offsets it reads, for
 * Debian's build of MbedTLS 2.28 (x86_64, its config.h: threading on, TLS 1.2, tickets, ALPN, SNI,
 * peer certificates kept). MbedTLS wants the caller to allocate its contexts, and their sizes depend
 * on the build's config.h, which Java cannot read. NativeLayoutTest compiles a C program against the
 * installed headers and fails when any figure here differs from sizeof/offsetof there.
 *
 * <p>Blocks are allocated at exactly these sizes, with no safety margin: a margin would hide a
 * layout change, not survive it, since a changed layout moves the fields this provider reads.
 * Instead {@link MbedTlsLibrary} accepts only the 2.28 series, whose ABI MbedTLS keeps stable
 * (libmbedtls.so.14 across 2.28.x).
 */
final class NativeLayout {

    private NativeLayout() {
    }

    /** A caller-allocated MbedTLS struct: its C type name and size in bytes. */
    enum Struct {
        SSL_CONTEXT("mbedtls_ssl_context", 736),
        SSL_CONFIG("mbedtls_ssl_config", 416),
        SSL_SESSION("mbedtls_ssl_session", 160),
        SSL_TICKET_CONTEXT("mbedtls_ssl_ticket_context", 280),
        X509_CRT("mbedtls_x509_crt", 616),
        PK_CONTEXT("mbedtls_pk_context", 16),
        ENTROPY_CONTEXT("mbedtls_entropy_context", 37960),
        CTR_DRBG_CONTEXT("mbedtls_ctr_drbg_context", 392);

        private final String cName;
        private final long size;

        Struct(String cName, long size) {
            this.cName = cName;
            this.size = size;
        }

        String cName() {
            return cName;
        }

        long size() {
            return size;
        }

        /** A zeroed block of this struct's size; its init function still has to run on it. */
        Memory allocate() {
            Memory block = new Memory(size);
            block.clear();
            return block;
        }
    }

    /** A field this provider reads itself: its struct, its C path, and its offset. */
    enum Field {
        /** mbedtls_x509_buf raw: the certificate's DER, length then pointer. */
        X509_CRT_RAW_LEN(Struct.X509_CRT, "raw.len", 16),
        X509_CRT_RAW_P(Struct.X509_CRT, "raw.p", 24),
        /** The next certificate of the chain, or NULL. */
        X509_CRT_NEXT(Struct.X509_CRT, "next", 608);

        private final Struct struct;
        private final String cPath;
        private final long offset;

        Field(Struct struct, String cPath, long offset) {
            this.struct = struct;
            this.cPath = cPath;
            this.offset = offset;
        }

        Struct struct() {
            return struct;
        }

        String cPath() {
            return cPath;
        }

        long offset() {
            return offset;
        }
    }
}
