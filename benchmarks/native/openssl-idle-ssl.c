/*
 * Where one idle server SSL's bytes are in the system's OpenSSL (the libssl provider openssl-jna
 * loads), per OpenSSL call site: docs/server-benchmarks.md, "Where an idle connection's native bytes
 * are". N server SSLs each on two memory BIOs, as tls-openssl-jna's MemoryBios sets them up (release
 * buffers, no session cache, TLS 1.3 tickets); each does a handshake with a client SSL, one 80-byte
 * request and a 1,200-byte answer, then its used BIOs are swapped for fresh ones; the client is freed,
 * the server kept. Live bytes come from CRYPTO_set_mem_functions, which OpenSSL calls with the file
 * and line of every allocation.
 *
 *   cc -O2 -o openssl-idle-ssl openssl-idle-ssl.c -lssl -lcrypto
 *   ./openssl-idle-ssl 2000 chain.pem key.pem [VARIANT]
 *
 * VARIANT tries what OpenSSL 3.0 offers to shrink an idle SSL: "no-bios" (no BIOs while idle, made
 * again at the next call), "free-buffers" (SSL_free_buffers once idle), "aes128" or "chacha" (the
 * server's only TLS 1.3 suite).
 */
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SITES 4096
#define WARM_UP 200

static struct site { const char *file; int line; long bytes; long count; } sites[SITES];
static long baseBytes[SITES], baseCount[SITES];
static const char *variant = "as-is";
struct header { size_t size; int site; int pad; };

static int siteOf(const char *file, int line) {
    unsigned h = (unsigned) (((unsigned long) file * 31 + (unsigned long) line) % SITES);
    while (sites[h].file != NULL && !(sites[h].file == file && sites[h].line == line)) {
        h = (h + 1) % SITES;
    }
    sites[h].file = file;
    sites[h].line = line;
    return (int) h;
}

static void *trackedMalloc(size_t n, const char *file, int line) {
    struct header *h = malloc(sizeof *h + n);
    if (h == NULL) return NULL;
    h->size = n;
    h->site = siteOf(file != NULL ? file : "?", line);
    sites[h->site].bytes += (long) n;
    sites[h->site].count++;
    return h + 1;
}

static void trackedFree(void *p, const char *file, int line) {
    (void) file; (void) line;
    if (p == NULL) return;
    struct header *h = (struct header *) p - 1;
    sites[h->site].bytes -= (long) h->size;
    sites[h->site].count--;
    free(h);
}

static void *trackedRealloc(void *p, size_t n, const char *file, int line) {
    if (p == NULL) return trackedMalloc(n, file, line);
    struct header *h = (struct header *) p - 1;
    long old = (long) h->size;
    int site = h->site;
    struct header *moved = realloc(h, sizeof *moved + n);
    if (moved == NULL) return NULL;
    sites[site].bytes += (long) n - old;
    moved->size = n;
    return moved + 1;
}

static long liveBytes(void) {
    long total = 0;
    for (int i = 0; i < SITES; i++) total += sites[i].bytes;
    return total;
}

/* Moves everything one side wrote to the other side's read BIO. */
static void pump(BIO *from, BIO *to) {
    char buf[20000];
    int n;
    while ((n = BIO_read(from, buf, sizeof buf)) > 0) BIO_write(to, buf, n);
}

/* One connection; returns the server SSL, idle, with fresh BIOs, or NULL on failure. */
static SSL *idleServer(SSL_CTX *serverCtx, SSL_CTX *clientCtx) {
    char request[80], answer[1200], buf[4096];
    memset(request, 'q', sizeof request);
    memset(answer, 'a', sizeof answer);
    SSL *s = SSL_new(serverCtx), *c = SSL_new(clientCtx);
    BIO *sIn = BIO_new(BIO_s_mem()), *sOut = BIO_new(BIO_s_mem());
    BIO *cIn = BIO_new(BIO_s_mem()), *cOut = BIO_new(BIO_s_mem());
    SSL_set_bio(s, sIn, sOut);
    SSL_set_accept_state(s);
    SSL_set_bio(c, cIn, cOut);
    SSL_set_connect_state(c);
    for (int round = 0; round < 10; round++) {
        SSL_do_handshake(c);
        pump(cOut, sIn);
        SSL_do_handshake(s);
        pump(sOut, cIn);
    }
    SSL_write(c, request, sizeof request);
    pump(cOut, sIn);
    int got = SSL_read(s, buf, sizeof buf);
    SSL_write(s, answer, sizeof answer);
    pump(sOut, cIn);
    int back = 0, n;
    while ((n = SSL_read(c, buf, sizeof buf)) > 0) back += n;
    SSL_read(s, buf, sizeof buf); /* WANT_READ: idle */
    SSL_free(c);
    if (got != (int) sizeof request || back != (int) sizeof answer) {
        fprintf(stderr, "expected %zu and %zu bytes but got %d and %d\n", sizeof request, sizeof answer, got, back);
        ERR_print_errors_fp(stderr);
        SSL_free(s);
        return NULL;
    }
    int noBios = strcmp(variant, "no-bios") == 0;
    SSL_set0_rbio(s, noBios ? NULL : BIO_new(BIO_s_mem()));
    SSL_set0_wbio(s, noBios ? NULL : BIO_new(BIO_s_mem()));
    if (strcmp(variant, "free-buffers") == 0 && SSL_free_buffers(s) != 1) {
        fprintf(stderr, "SSL_free_buffers refused: a buffer still holds data\n");
    }
    return s;
}

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: %s CONNECTIONS CHAIN.pem KEY.pem [no-bios|free-buffers|aes128|chacha]\n", argv[0]);
        return 2;
    }
    int n = atoi(argv[1]);
    variant = argc == 5 ? argv[4] : variant;
    if (!CRYPTO_set_mem_functions(trackedMalloc, trackedRealloc, trackedFree)) {
        fprintf(stderr, "CRYPTO_set_mem_functions refused: OpenSSL allocated before main\n");
        return 1;
    }
    SSL_CTX *serverCtx = SSL_CTX_new(TLS_method()), *clientCtx = SSL_CTX_new(TLS_method());
    if (SSL_CTX_use_certificate_chain_file(serverCtx, argv[2]) != 1
            || SSL_CTX_use_PrivateKey_file(serverCtx, argv[3], SSL_FILETYPE_PEM) != 1) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    SSL_CTX_set_mode(serverCtx, SSL_MODE_RELEASE_BUFFERS);
    if (strcmp(variant, "aes128") == 0 || strcmp(variant, "chacha") == 0) {
        SSL_CTX_set_ciphersuites(serverCtx, variant[0] == 'a' ? "TLS_AES_128_GCM_SHA256" : "TLS_CHACHA20_POLY1305_SHA256");
    }
    SSL_CTX_set_session_cache_mode(serverCtx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_session_id_context(serverCtx, (const unsigned char *) "probe", 5);
    SSL_CTX_set_session_cache_mode(clientCtx, SSL_SESS_CACHE_OFF);
    for (int i = 0; i < WARM_UP; i++) {
        SSL *s = idleServer(serverCtx, clientCtx);
        if (s == NULL) return 1;
        SSL_free(s);
    }
    for (int i = 0; i < SITES; i++) {
        baseBytes[i] = sites[i].bytes;
        baseCount[i] = sites[i].count;
    }
    long before = liveBytes();
    for (int i = 0; i < n; i++) {
        if (idleServer(serverCtx, clientCtx) == NULL) return 1;
    }
    printf("%s, variant %s: %d idle server SSLs keep %ld bytes each (OpenSSL's payloads, without malloc's headers):\n",
           OpenSSL_version(OPENSSL_VERSION), variant, n, (liveBytes() - before) / n);
    for (int i = 0; i < SITES; i++) {
        long bytes = sites[i].bytes - baseBytes[i], count = sites[i].count - baseCount[i];
        if (sites[i].file != NULL && bytes / n != 0) {
            printf("%7ld B %5.2f allocations  %s:%d\n", bytes / n, (double) count / n, sites[i].file, sites[i].line);
        }
    }
    return 0;
}
