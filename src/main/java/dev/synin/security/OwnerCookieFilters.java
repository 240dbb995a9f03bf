package dev.synin.security;


import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.synin.web.SecurityHeaders;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * Whose conversations a request may touch. With {@code SYNIN_AUTH_MODE} token or users, the signed-in identity's owner
 * ({@code token:default} or {@code user:<id>}); the path rules ({@code quarkus.http.auth.permission.*}) have already turned away everyone else.
 * <p>
 * In {@code none} mode, anonymous ownership: a browser without an owner cookie gets a random 192-bit one (HttpOnly, SameSite=Lax,
 * Secure behind TLS). The database stores only a SHA-256 of the cookie, so a leaked table cannot be replayed
 * as a cookie.
 */
public class OwnerCookieFilters {

    public static final String COOKIE = "synin_owner";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{32,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Chrome caps cookie lifetimes at 400 days. */
    private static final int MAX_AGE_SECONDS = 400 * 24 * 3600;

    @Inject
    CurrentOwner owner;

    @Inject
    AuthConfig config;

    @Inject
    SecurityIdentity identity;

    @ServerRequestFilter
    public void resolveOwner(ContainerRequestContext request, RoutingContext routing) {
        if (config.enabled()) {
            if (!identity.isAnonymous()) {
                owner.set(SyninIdentity.ownerOf(identity));
            }
            return;
        }
        Cookie cookie = request.getCookies().get(COOKIE);
        String secret = cookie != null && VALID.matcher(cookie.getValue()).matches() ? cookie.getValue() : null;
        if (secret == null) {
            secret = newSecret();
            issue(routing, secret);
        }
        owner.set("anon:" + sha256(secret));
    }

    /**
     * Set when the response headers go out, at the Vert.x level: a JAX-RS response filter does not run for
     * streamed (SSE) answers, and a browser's first request may well be a chat.
     */
    private static void issue(RoutingContext routing, String secret) {
        boolean secure = SecurityHeaders.isTls(routing.request());
        String cookie = COOKIE + "=" + secret + "; Path=/; Max-Age=" + MAX_AGE_SECONDS + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
        routing.addHeadersEndHandler(ignored -> routing.response().headers().add(HttpHeaders.SET_COOKIE, cookie));
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
