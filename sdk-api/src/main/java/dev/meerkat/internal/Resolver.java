package dev.meerkat.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Resolves host names off the loop thread: InetAddress lookups block, sometimes for seconds. The
 * result is posted back with {@link Loop#execute}. IP literals skip the thread.
 */
final class Resolver {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService EXECUTOR = newExecutor();

    private Resolver() {
    }

    /** Calls {@code resolved} or {@code failed} on the loop thread. */
    static void resolve(Loop loop, String host, Consumer<InetAddress> resolved, Consumer<UnknownHostException> failed) {
        if (isLiteral(host)) {
            loop.execute(() -> lookup(host, resolved, failed));
        } else {
            EXECUTOR.execute(() -> {
                try {
                    InetAddress address = InetAddress.getByName(host);
                    loop.execute(() -> resolved.accept(address));
                } catch (UnknownHostException e) {
                    loop.execute(() -> failed.accept(e));
                }
            });
        }
    }

    static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches();
    }

    private static void lookup(String host, Consumer<InetAddress> resolved, Consumer<UnknownHostException> failed) {
        try {
            resolved.accept(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            failed.accept(e);
        }
    }

    private static ExecutorService newExecutor() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "meerkat-resolver-" + THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
