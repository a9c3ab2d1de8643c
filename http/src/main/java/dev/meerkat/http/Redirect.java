package dev.meerkat.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The request that follows a redirect (RFC 9110 section 15.4), as curl's {@code -L} makes it: 303,
 * and 301 or 302 after a POST, become a GET without body; 307 and 308 keep the method and body.
 * Authorization and Cookie are dropped when the origin changes, so credentials never reach a host
 * they were not meant for.
 */
final class Redirect {

    private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);

    private Redirect() {
    }

    /** The request {@code head} redirects {@code request} to, or null when it is no redirect to follow. */
    static HttpClientRequest next(HttpClientRequest request, HttpResponseHead head) {
        String location = head.headers().get("Location");
        if (!STATUSES.contains(head.status()) || location == null) {
            return null;
        }
        URI target;
        try {
            target = request.url().resolve(location.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
            return null;
        }
        return rewrite(request, head.status(), target);
    }

    private static HttpClientRequest rewrite(HttpClientRequest request, int status, URI target) {
        Headers.Builder headers = request.headers().toBuilder();
        boolean toGet = status == 303 && !request.method().equals("HEAD")
                || (status == 301 || status == 302) && request.method().equals("POST");
        if (!toGet && !request.isReplayable()) {
            // The body was streamed once and is gone: the redirect goes to the caller.
            return null;
        }
        if (toGet) {
            headers.remove("Content-Length").remove("Content-Type").remove("Transfer-Encoding").remove("Expect");
        }
        if (!sameOrigin(request.url(), target)) {
            headers.remove("Authorization").remove("Cookie").remove("Host");
        }
        return new HttpClientRequest(toGet ? "GET" : request.method(), target, headers.build(),
                toGet ? new byte[0] : request.body(), toGet ? null : request.stream());
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && Urls.port(a) == Urls.port(b);
    }
}
