package dev.meerkat.benchmarks;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The raw cipher under the TLS numbers: AES-128-GCM through {@code javax.crypto} (SunJCE with the
 * JDK's AES and GHASH intrinsics) sealing and opening the same payload as
 * {@link EngineThroughputBenchmark}, cut into 16 KiB records with a 5-byte header as additional
 * data and a fresh nonce per record, as TLS 1.3 does (RFC 8446 section 5.2). A TLS engine cannot go
 * faster than this on the JDK's crypto; it shows how much of each provider's time is framing.
 */
@State(Scope.Thread)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AesGcmAnchorBenchmark {

    private static final int RECORD = 16384;
    private static final int TAG_BITS = 128;

    @Param({"65536"})
    public int payloadBytes;

    private final byte[] header = {23, 3, 3, 0, 0};
    private final byte[] nonce = new byte[12];
    private SecretKeySpec key;
    private Cipher sealer;
    private Cipher opener;
    private ByteBuffer plaintext;
    private ByteBuffer sealed;
    private ByteBuffer opened;
    private long sequence;

    @Setup(Level.Trial)
    public void createCiphers() throws GeneralSecurityException {
        byte[] keyBytes = new byte[16];
        new Random(3104).nextBytes(keyBytes);
        key = new SecretKeySpec(keyBytes, "AES");
        sealer = Cipher.getInstance("AES/GCM/NoPadding");
        opener = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] payload = new byte[payloadBytes];
        new Random(2570).nextBytes(payload);
        plaintext = ByteBuffer.wrap(payload);
        sealed = ByteBuffer.allocate(RECORD + TAG_BITS / 8);
        opened = ByteBuffer.allocate(payloadBytes);
    }

    @Benchmark
    public int sealAndOpenRecords() throws GeneralSecurityException {
        plaintext.rewind();
        opened.clear();
        while (plaintext.hasRemaining()) {
            ByteBuffer record = plaintext.slice().limit(Math.min(RECORD, plaintext.remaining()));
            plaintext.position(plaintext.position() + record.remaining());
            GCMParameterSpec spec = nextNonce();
            sealed.clear();
            crypt(sealer, Cipher.ENCRYPT_MODE, spec, record, sealed);
            sealed.flip();
            crypt(opener, Cipher.DECRYPT_MODE, spec, sealed, opened);
        }
        return opened.position();
    }

    private void crypt(Cipher cipher, int mode, GCMParameterSpec spec, ByteBuffer in, ByteBuffer out)
            throws GeneralSecurityException {
        cipher.init(mode, key, spec);
        cipher.updateAAD(header);
        cipher.doFinal(in, out);
    }

    /** GCM forbids reusing a nonce with one key: each record takes the next sequence number. */
    private GCMParameterSpec nextNonce() {
        long s = ++sequence;
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] = (byte) (s >>> (8 * i));
        }
        return new GCMParameterSpec(TAG_BITS, nonce);
    }
}
