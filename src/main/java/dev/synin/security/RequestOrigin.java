package dev.synin.security;

import java.net.URI;
import java.util.Locale;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * The origin (scheme, host, port) a request was addressed to, as the browser saw it: behind a proxy with
 * {@code quarkus.http.proxy.proxy-address-forwarding=true}, Quarkus has already applied X-Forwarded-Proto / Forwarded.
 */
public record RequestOrigin(String scheme, String host, int port) {

    public static RequestOrigin of(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        String scheme = request.scheme() == null ? "http" : request.scheme().toLowerCase(Locale.ROOT);
        if (authority == null) {
            return new RequestOrigin(scheme, "", -1);
        }
        return new RequestOrigin(scheme, bare(authority.host()), port(scheme, authority.port()));
    }

    /** Whether an {@code Origin} or {@code Referer} value names this origin; {@code null} and garbage do not. */
    boolean matches(String url) {
        if (url == null || host.isEmpty()) {
            return false;
        }
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            String otherScheme = uri.getScheme().toLowerCase(Locale.ROOT);
            return otherScheme.equals(scheme) && bare(uri.getHost()).equals(host) && port(otherScheme, uri.getPort()) == port;
        } catch (Exception malformed) {
            return false;
        }
    }

    /** As a URL without a path, e.g. {@code https://chat.example.com} (the default port left out). */
    public String url() {
        String name = host.contains(":") ? "[" + host + "]" : host;
        boolean defaultPort = "https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80;
        return scheme + "://" + name + (defaultPort || port < 0 ? "" : ":" + port);
    }

    private static String bare(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }

    private static int port(String scheme, int port) {
        if (port > 0) {
            return port;
        }
        return "https".equals(scheme) ? 443 : 80;
    }
}
