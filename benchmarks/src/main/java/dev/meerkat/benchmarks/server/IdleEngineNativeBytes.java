package dev.meerkat.benchmarks.server;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Payload;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.spi.TlsEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live malloc bytes one idle server engine of a native provider keeps, without sockets or a
 * server around it (docs/server-benchmarks.md, "Where an idle connection's native bytes are"). Engine
 * pairs handshake in memory and exchange a 100-byte request and a 1 KiB answer; the client engine is
 * closed, the server engine kept. glibc's mallinfo2 (every arena) before and after, divided by the
 * count. With {@code new}, the server engines are only made, never handshaken: what an SSL costs
 * before the handshake leaves its keys and session in it. Run it with {@code -Xint}: the JIT
 * compilers' malloc'd arenas otherwise move the total by megabytes.
 *
 * <pre>
 * java -Xint -cp ... IdleEngineNativeBytes PROVIDER [ENGINES, default 2000] [new]
 * </pre>
 */
public final class IdleEngineNativeBytes {

    private static final int WARM_UP = 500;
    private static final int REQUEST = 100;
    private static final int ANSWER = 1024;

    private IdleEngineNativeBytes() {
    }

    public static void main(String[] args) throws Exception {
        String provider = args[0];
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        boolean handshake = args.length < 3 || !args[2].equals("new");
        TestPki pki = TestPki.get();
        try (TlsContext client = TlsProviders.newContext(provider, pki.clientConfig().build());
             TlsContext server = TlsProviders.newContext(provider, pki.serverConfig(pki.server()).build())) {
            openIdle(client, server, WARM_UP).forEach(TlsEngine::close);
            long before = liveBytesAfterGc();
            List<TlsEngine> idle = handshake ? openIdle(client, server, count) : openNew(server, count);
            long after = liveBytesAfterGc();
            System.out.printf(Locale.ROOT, "%s: %d %s server engines keep %d live malloc bytes each%n",
                    provider, count, handshake ? "idle" : "new", (after - before) / count);
            idle.forEach(TlsEngine::close);
        }
    }

    /** Server engines after a handshake, one request and one answer, their clients closed. */
    private static List<TlsEngine> openIdle(TlsContext client, TlsContext server, int count) throws Exception {
        List<TlsEngine> servers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            EnginePair pair = EnginePair.on(client, server).handshake();
            pair.client.send(Payload.random(REQUEST, i).bytes());
            pair.pumpUntilReceived(0, REQUEST);
            pair.server.send(Payload.random(ANSWER, i).bytes());
            pair.pumpUntilReceived(ANSWER, REQUEST);
            pair.client.engine.close();
            servers.add(pair.server.engine);
        }
        return servers;
    }

    private static List<TlsEngine> openNew(TlsContext server, int count) throws Exception {
        List<TlsEngine> servers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            servers.add(server.newEngine(null, 0));
        }
        return servers;
    }

    /** In-use malloc bytes once the pairs' direct buffers are collected. */
    private static long liveBytesAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return LibC.INSTANCE.mallinfo2().uordblks;
    }

    /** glibc's struct mallinfo2 (malloc.h), returned by value. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static final class MallInfo2 extends Structure implements Structure.ByValue {
        /** Fields as in malloc.h; only {@code uordblks} (bytes in use) is read. */
        public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
    }

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        MallInfo2 mallinfo2();
    }
}
