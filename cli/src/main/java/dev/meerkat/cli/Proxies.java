package dev.meerkat.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The proxy of {@code get}, chosen as curl does: {@code -x}, else {@code https_proxy} (or
 * {@code HTTPS_PROXY}) for an https URL and {@code http_proxy} for an http one (curl ignores
 * {@code HTTP_PROXY}, which a CGI request can set), else {@code all_proxy}; the hosts of
 * {@code --noproxy}, else of {@code no_proxy} (or {@code NO_PROXY}), go direct.
 *
 * @param proxy   {@code http://host:port}, or null for none
 * @param noProxy host patterns reached without the proxy
 */
record Proxies(String proxy, List<String> noProxy) {

    static Proxies choose(String url, String option, String noProxyOption, Map<String, String> env) {
        boolean https = url.regionMatches(true, 0, "https://", 0, 8);
        String proxy = firstSet(option, https ? env.get("https_proxy") : env.get("http_proxy"),
                https ? env.get("HTTPS_PROXY") : null, env.get("all_proxy"), env.get("ALL_PROXY"));
        String hosts = firstSet(noProxyOption, env.get("no_proxy"), env.get("NO_PROXY"));
        return new Proxies(proxy == null || proxy.contains("://") ? proxy : "http://" + proxy, split(hosts));
    }

    private static String firstSet(String... values) {
        return Arrays.stream(values).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }

    private static List<String> split(String hosts) {
        return hosts == null ? List.of() : Arrays.stream(hosts.split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
    }
}
