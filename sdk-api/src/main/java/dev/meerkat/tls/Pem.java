package dev.meerkat.tls;

import dev.meerkat.tls.TlsException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads certificates and keys as OpenSSL writes them (RFC 7468 textual encoding). Text outside
 * the BEGIN/END lines is ignored, as OpenSSL does. Errors name the file (or "PEM text") and say
 * what was expected and what was found.
 */
final class Pem {

    static final String PEM_TEXT = "PEM text";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** RFC 7468 section 2: base64 lines of 64 characters. */
    private static final Base64.Encoder BASE64_LINES = Base64.getMimeEncoder(64, new byte[] {'\n'});

    /** One BEGIN/END block: its label, its RFC 1421 headers (Proc-Type, DEK-Info) and its bytes. */
    record Block(String label, Map<String, String> headers, byte[] der) {
    }

    private Pem() {
    }

    static List<X509Certificate> readCertificates(Path file) throws TlsException {
        return certificates(read(file), describe(file));
    }

    static List<X509Certificate> parseCertificates(String pem) throws TlsException {
        return certificates(pem, PEM_TEXT);
    }

    static PrivateKey readPrivateKey(Path file) throws TlsException {
        return PemKeys.privateKey(blocks(read(file), describe(file)), describe(file));
    }

    static PrivateKey parsePrivateKey(String pem) throws TlsException {
        return PemKeys.privateKey(blocks(pem, PEM_TEXT), PEM_TEXT);
    }

    /** The first key entry of a PKCS#12 file, whose key and store share {@code password}. */
    static KeyMaterial readPkcs12(Path file, char[] password) throws TlsException {
        KeyStore store = loadPkcs12(file, password);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return keyEntry(store, alias, password, file);
                }
            }
        } catch (GeneralSecurityException e) {
            throw configuration("cannot read the key entries of PKCS#12 " + describe(file) + ": " + e.getMessage(), e);
        }
        throw configuration("expected a private key entry in PKCS#12 " + describe(file)
                + " but found only certificate entries (" + aliases(store) + ")", null);
    }

    /** Every certificate entry of {@code store} and every certificate of its key entries' chains. */
    static List<X509Certificate> certificatesOf(KeyStore store) throws TlsException {
        Set<X509Certificate> found = new LinkedHashSet<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isCertificateEntry(alias)) {
                    addX509(found, store.getCertificate(alias), alias);
                } else if (store.getCertificateChain(alias) != null) {
                    for (Certificate c : store.getCertificateChain(alias)) {
                        addX509(found, c, alias);
                    }
                }
            }
        } catch (KeyStoreException e) {
            throw configuration("expected a loaded key store but " + store.getType() + " store is not loaded", e);
        }
        return List.copyOf(found);
    }

    /** Every block of {@code pem}; fails on a block whose base64 is broken. */
    static List<Block> blocks(String pem, String source) throws TlsException {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            blocks.add(block(m.group(1), m.group(2), source, blocks.size() + 1));
        }
        return blocks;
    }

    /** One BEGIN/END block of {@code der}, as OpenSSL writes it. */
    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + BASE64_LINES.encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    static String describe(Path file) {
        return "file " + file;
    }

    static String labels(List<Block> blocks) {
        return blocks.isEmpty() ? "no PEM block"
                : blocks.stream().map(Block::label).collect(Collectors.joining(", ", "blocks ", ""));
    }

    static TlsException configuration(String message, Throwable cause) {
        return new TlsException(Kind.CONFIGURATION, message, cause);
    }

    private static List<X509Certificate> certificates(String pem, String source) throws TlsException {
        List<Block> blocks = blocks(pem, source);
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block b : blocks) {
            if (b.label().equals("CERTIFICATE")) {
                certificates.add(certificate(b.der(), source, certificates.size() + 1));
            }
        }
        if (certificates.isEmpty()) {
            throw configuration("expected a CERTIFICATE block in " + source + " but found " + labels(blocks), null);
        }
        return List.copyOf(certificates);
    }

    private static X509Certificate certificate(byte[] der, String source, int index) throws TlsException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw configuration("expected an X.509 certificate in CERTIFICATE block " + index + " of " + source
                    + " but it does not parse: " + e.getMessage(), e);
        }
    }

    private static Block block(String label, String body, String source, int index) throws TlsException {
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder base64 = new StringBuilder();
        for (String line : body.split("\r?\n|\r")) {
            int colon = line.indexOf(':');
            if (colon > 0 && base64.length() == 0) {
                headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            } else {
                base64.append(line.strip());
            }
        }
        try {
            return new Block(label, Map.copyOf(headers), Base64.getDecoder().decode(base64.toString()));
        } catch (IllegalArgumentException e) {
            throw configuration("expected base64 in " + label + " block " + index + " of " + source
                    + " but " + e.getMessage(), e);
        }
    }

    private static KeyStore loadPkcs12(Path file, char[] password) throws TlsException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw configuration("expected a PKCS#12 " + describe(file) + " but it does not exist", e);
        } catch (IOException | GeneralSecurityException e) {
            throw configuration("expected a PKCS#12 store in " + describe(file)
                    + " but cannot read it (wrong password or another format?): " + e.getMessage(), e);
        }
    }

    private static KeyMaterial keyEntry(KeyStore store, String alias, char[] password, Path file)
            throws GeneralSecurityException, TlsException {
        if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
            throw configuration("expected a private key in entry '" + alias + "' of PKCS#12 " + describe(file)
                    + " but found a secret key", null);
        }
        List<X509Certificate> chain = new ArrayList<>();
        Certificate[] certificates = store.getCertificateChain(alias);
        for (Certificate c : certificates == null ? new Certificate[0] : certificates) {
            addX509(chain, c, alias);
        }
        if (chain.isEmpty()) {
            throw configuration("expected a certificate chain with key entry '" + alias + "' of PKCS#12 "
                    + describe(file) + " but found none", null);
        }
        return new KeyMaterial(key, chain);
    }

    private static void addX509(Collection<X509Certificate> to, Certificate c, String alias)
            throws TlsException {
        if (!(c instanceof X509Certificate x509)) {
            throw configuration("expected X.509 certificates in key store entry '" + alias + "' but found "
                    + (c == null ? "none" : c.getType()), null);
        }
        to.add(x509);
    }

    private static String aliases(KeyStore store) throws TlsException {
        try {
            return "aliases " + String.join(", ", Collections.list(store.aliases()));
        } catch (KeyStoreException e) {
            throw configuration("expected a loaded key store but it is not loaded", e);
        }
    }

    private static String read(Path file) throws TlsException {
        try {
            // ISO-8859-1 maps every byte: stray non-ASCII text outside the blocks must not fail the read.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw configuration("expected PEM " + describe(file) + " but it does not exist", e);
        } catch (IOException e) {
            throw configuration("cannot read PEM " + describe(file) + ": " + e, e);
        }
    }
}
