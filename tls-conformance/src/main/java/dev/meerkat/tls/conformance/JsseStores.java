package dev.meerkat.tls.conformance;

import dev.meerkat.tls.KeyMaterial;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/** The JDK's own key and trust managers over the test PKI, made as a user makes them: from key stores. */
public final class JsseStores {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private JsseStores() {
    }

    /**
     * The test CA's certificate.
     *
     * @param pki the test PKI
     * @return the CA's self-signed certificate
     * @throws IOException              when the CA's files cannot be read or parsed
     * @throws GeneralSecurityException when the JDK cannot load the certificate
     */
    public static X509Certificate caCertificate(TestPki pki) throws IOException, GeneralSecurityException {
        try {
            return KeyMaterial.fromPem(pki.caPem(), pki.file("ca.key")).leaf();
        } catch (dev.meerkat.tls.TlsException e) {
            throw new IOException("expected the test CA in " + pki.caPem(), e);
        }
    }

    /**
     * The JDK's PKIX key manager over a PKCS#12 store holding {@code keys}.
     *
     * @param keys the private key and its chain
     * @return the key manager
     * @throws IOException              when the in-memory store cannot be initialised
     * @throws GeneralSecurityException when the JDK refuses the key, the chain or the store
     */
    public static X509KeyManager keyManager(KeyMaterial keys) throws IOException, GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setKeyEntry("key", keys.privateKey(), PASSWORD, keys.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
        factory.init(store, PASSWORD);
        return (X509KeyManager) factory.getKeyManagers()[0];
    }

    /**
     * The JDK's PKIX trust manager over a PKCS#12 store trusting only {@code trusted}.
     *
     * @param trusted the one trust anchor
     * @return the trust manager
     * @throws IOException              when the in-memory store cannot be initialised
     * @throws GeneralSecurityException when the JDK refuses the certificate or the store
     */
    public static X509TrustManager trustManager(X509Certificate trusted) throws IOException, GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setCertificateEntry("ca", trusted);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
