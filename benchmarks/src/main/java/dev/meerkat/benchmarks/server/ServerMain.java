package dev.meerkat.benchmarks.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * One benchmark server in its own JVM, so that its CPU time and memory are its own:
 *
 * <pre>
 * ServerMain meerkat:openssl|meerkat:plain|netty:JDK|... [--cert CHAIN.pem --key KEY.pem] [--control]
 * </pre>
 *
 * Prints {@code ready port=P pid=ID} once listening on 127.0.0.1. Without {@code --control} it serves
 * until the process is terminated (load.sh sends SIGTERM). With {@code --control} it reads commands,
 * one a line, from standard input: {@code count} answers {@code connections N}, {@code memory}
 * answers {@link ProcessMemory#toLine}, {@code quit} or the end of input stops it.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerSpec spec = parse(args);
        BenchServer server = BenchServer.start(spec);
        System.out.println("ready port=" + server.port() + " pid=" + ProcessHandle.current().pid());
        System.out.flush();
        if (contains(args, "--control")) {
            try (server) {
                control(server);
            }
            System.exit(0);
        } else {
            awaitTermination(server);
        }
    }

    private static ServerSpec parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("expected a server such as meerkat:openssl or netty:JDK as the first"
                    + " argument but was " + (args.length == 0 ? "nothing" : "'" + args[0] + "'"));
        }
        return ServerSpec.parse(args[0], pathAfter(args, "--cert"), pathAfter(args, "--key"));
    }

    private static void control(BenchServer server) throws Exception {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            switch (command.trim()) {
                case "count" -> System.out.println("connections " + server.openConnections());
                case "memory" -> System.out.println(ProcessMemory.measureAfterGc().toLine(server.openConnections()));
                case "quit" -> {
                    return;
                }
                default -> System.out.println("error expected count, memory or quit but was '" + command + "'");
            }
            System.out.flush();
        }
    }

    private static void awaitTermination(BenchServer server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            printStatistics(server);
            server.close();
            stopped.countDown();
        }, "bench-server-shutdown"));
        stopped.await();
    }

    /** On standard error, so load.sh keeps it apart from the ready line. */
    private static void printStatistics(BenchServer server) {
        try {
            String statistics = server.statistics();
            if (!statistics.isEmpty()) {
                System.err.println("statistics " + statistics);
            }
        } catch (Exception e) {
            System.err.println("statistics unavailable: " + e);
        }
    }

    private static Path pathAfter(String[] args, String flag) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(flag)) {
                return Path.of(args[i + 1]);
            }
        }
        return null;
    }

    private static boolean contains(String[] args, String flag) {
        for (String arg : args) {
            if (arg.equals(flag)) {
                return true;
            }
        }
        return false;
    }
}
