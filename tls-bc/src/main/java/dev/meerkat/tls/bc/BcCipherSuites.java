package dev.meerkat.tls.bc;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.spi.TlsPolicy;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/** Cipher suites: the policy's choice in BC's codes, IANA names, and the suites a server key can sign for. */
final class BcCipherSuites {

    /** BC names its CipherSuite constants by their IANA names: read them once. */
    private static final Map<Integer, String> NAMES = readNames();

    private BcCipherSuites() {
    }

    /** The suites of the TLS policy for {@code config} that {@code crypto} implements, in order. */
    static int[] enabled(TlsConfig config, TlsCrypto crypto) throws TlsException {
        int[] wanted = byNames(TlsPolicy.suites(config));
        int[] supported = TlsUtils.getSupportedCipherSuites(crypto, wanted);
        if (supported.length == 0) {
            throw new TlsException(Kind.CONFIGURATION, "expected at least one cipher suite Bouncy Castle implements"
                    + " but none of " + namesOf(wanted) + " is available");
        }
        return supported;
    }

    /** The IANA name, e.g. "TLS_AES_128_GCM_SHA256"; a hex code for a suite BC does not name. */
    static String ianaName(int suite) {
        String name = NAMES.get(suite);
        return name != null ? name : String.format("0x%04X", suite);
    }

    /**
     * TLS 1.2 suites name the signature of the server's key exchange (RFC 8422 section 2): ECDSA
     * suites need an EC or EdDSA key, RSA suites an RSA key. TLS 1.3 suites fit every key.
     */
    static int[] usableWithKey(int[] suites, boolean rsaKey) {
        return Arrays.stream(suites).filter(s -> fitsKey(s, rsaKey)).toArray();
    }

    private static boolean fitsKey(int suite, boolean rsaKey) {
        int exchange = TlsUtils.getKeyExchangeAlgorithm(suite);
        return switch (exchange) {
            case KeyExchangeAlgorithm.NULL -> true;
            case KeyExchangeAlgorithm.ECDHE_ECDSA -> !rsaKey;
            case KeyExchangeAlgorithm.ECDHE_RSA, KeyExchangeAlgorithm.DHE_RSA, KeyExchangeAlgorithm.RSA -> rsaKey;
            default -> false;
        };
    }

    private static int[] byNames(List<String> names) throws TlsException {
        Map<String, Integer> byName = new HashMap<>();
        NAMES.forEach((code, name) -> byName.put(name, code));
        int[] codes = new int[names.size()];
        for (int i = 0; i < codes.length; i++) {
            Integer code = byName.get(names.get(i));
            if (code == null) {
                throw new TlsException(Kind.CONFIGURATION, "expected an IANA cipher suite name Bouncy Castle knows"
                        + " but was '" + names.get(i) + "'");
            }
            codes[i] = code;
        }
        return codes;
    }

    private static String namesOf(int[] suites) {
        return Arrays.stream(suites).mapToObj(BcCipherSuites::ianaName).toList().toString();
    }

    private static Map<Integer, String> readNames() {
        Map<Integer, String> names = new HashMap<>();
        for (Field field : CipherSuite.class.getFields()) {
            if (field.getType() == int.class && Modifier.isStatic(field.getModifiers())
                    && field.getName().startsWith("TLS_")) {
                names.putIfAbsent(constant(field), field.getName());
            }
        }
        return Collections.unmodifiableMap(names);
    }

    private static int constant(Field field) {
        try {
            return field.getInt(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("expected a public constant but cannot read CipherSuite." + field.getName(), e);
        }
    }
}
