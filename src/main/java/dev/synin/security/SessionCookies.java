package dev.synin.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;

/**
 * The {@code synin_session} cookie: HttpOnly, SameSite=Lax, Path=/, and Secure whenever the request came over TLS,
 * directly or through a proxy that said so (X-Forwarded-Proto / Forwarded, with proxy-address-forwarding on).
 */
public final class SessionCookies {

    public static final String NAME = "synin_session";

    private SessionCookies() {
    }

    /** A Set-Cookie value that keeps the session for the idle timeout; it is sent again whenever that moves on. */
    public static String issue(HttpServerRequest request, String sessionId, AuthConfig config) {
        return base(request, sessionId).setMaxAge(config.sessionIdleTimeout().toSeconds()).encode();
    }

    /** A Set-Cookie value that makes the browser forget the session. */
    public static String clear(HttpServerRequest request) {
        return base(request, "").setMaxAge(0).encode();
    }

    public static boolean overTls(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }

    private static Cookie base(HttpServerRequest request, String value) {
        return Cookie.cookie(NAME, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(overTls(request));
    }
}
