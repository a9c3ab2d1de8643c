package dev.meerkat.benchmarks.server;

import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpHandler;
import java.nio.file.Path;

/**
 * {@link StaticFileRequestBenchmark}'s keep-alive GET answered from memory with the 1 KiB body of
 * the whole-server runs ({@link ResponseBody}), as {@code ServerMain meerkat:plain} answers wrk: the
 * server's own cost per request without the file cache. Run with {@code -prof gc}.
 */
public class InMemoryRequestBenchmark extends StaticFileRequestBenchmark {

    private static final byte[] BODY = ResponseBody.bytes();
    private static final Headers HEADERS = Headers.of("Content-Type", ResponseBody.CONTENT_TYPE);

    @Override
    protected HttpHandler handler(Path dir) {
        return (exchange, event) -> {
            if (event instanceof HttpEvent.End) {
                exchange.reply(200, HEADERS, BODY);
            }
        };
    }
}
