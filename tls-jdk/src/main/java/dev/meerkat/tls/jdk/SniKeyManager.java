package dev.meerkat.tls.jdk;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the config's key material: on a server the one chosen by the SNI name the client asked
 * for ({@link TlsConfig#keyMaterialFor}), else the default. An alias is only offered for the key
 * type the JDK asks about, so an RSA key is never proposed for an ECDSA signature scheme.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

    private static final String DEFAULT_ALIAS = "default";
    private static final String SNI_ALIAS_PREFIX = "sni:";

    private final TlsConfig config;
    private final Map<String, KeyMaterial> byAlias = new LinkedHashMap<>();

    SniKeyManager(TlsConfig config) {
        this.config = config;
        if (config.keyMaterial() != null) {
            byAlias.put(DEFAULT_ALIAS, config.keyMaterial());
        }
        config.sniKeyMaterial().forEach((host, material) -> byAlias.put(SNI_ALIAS_PREFIX + host, material));
    }

    /** True when there is any key to present; without one the JDK needs no key manager at all. */
    boolean hasKeys() {
        return !byAlias.isEmpty();
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(requestedHostName(engine), keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(null, keyType);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        for (String keyType : keyTypes) {
            String alias = aliasFor(null, keyType);
            if (alias != null) {
                return alias;
            }
        }
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return aliasesOfType(keyType);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return aliasesOfType(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        KeyMaterial material = byAlias.get(alias);
        return material == null ? null : material.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        KeyMaterial material = byAlias.get(alias);
        return material == null ? null : material.privateKey();
    }

    private String aliasFor(String sniHost, KeyMaterial material, String keyType) {
        if (material == null || !material.privateKey().getAlgorithm().equals(keyType)) {
            return null;
        }
        return material == config.keyMaterial() ? DEFAULT_ALIAS : SNI_ALIAS_PREFIX + sniHost;
    }

    private String aliasFor(String sniHost, String keyType) {
        return aliasFor(sniHost, config.keyMaterialFor(sniHost), keyType);
    }

    private String[] aliasesOfType(String keyType) {
        String[] aliases = byAlias.entrySet().stream()
                .filter(e -> e.getValue().privateKey().getAlgorithm().equals(keyType))
                .map(Map.Entry::getKey)
                .toArray(String[]::new);
        return aliases.length == 0 ? null : aliases;
    }

    /** The host name the client sent in its server_name extension (RFC 6066 section 3), or null. */
    private static String requestedHostName(SSLEngine engine) {
        SSLSession handshake = engine == null ? null : engine.getHandshakeSession();
        if (!(handshake instanceof ExtendedSSLSession)) {
            return null;
        }
        return ((ExtendedSSLSession) handshake).getRequestedServerNames().stream()
                .filter(name -> name instanceof SNIHostName)
                .map(name -> ((SNIHostName) name).getAsciiName().toLowerCase(Locale.ROOT))
                .findFirst()
                .orElse(null);
    }
}
