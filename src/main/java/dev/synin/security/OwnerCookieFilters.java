package dev.synin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Anonymous ownership: a browser without an owner cookie gets a random 192-bit one (HttpOnly, SameSite=Lax,
 * Secure behind TLS). The database stores only a SHA-256 of the cookie, so a leaked table cannot be replayed
 * as a cookie.
 */
public class OwnerCookieFilters {

    public static final String COOKIE = "synin_owner";
    private static final String ISSUED = "synin.owner.issued";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{32,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Chrome caps cookie lifetimes at 400 days. */
    private static final int MAX_AGE_SECONDS = 400 * 24 * 3600;

    @Inject
    CurrentOwner owner;

    @ServerRequestFilter
    public void resolveOwner(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(COOKIE);
        String secret = cookie != null && VALID.matcher(cookie.getValue()).matches() ? cookie.getValue() : null;
        if (secret == null) {
            secret = newSecret();
            request.setProperty(ISSUED, secret);
        }
        owner.set("anon:" + sha256(secret));
    }

    @ServerResponseFilter
    public void issueCookie(ContainerRequestContext request, ContainerResponseContext response) {
        Object secret = request.getProperty(ISSUED);
        if (secret != null) {
            boolean secure = "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme());
            NewCookie cookie = new NewCookie.Builder(COOKIE).value(secret.toString()).path("/")
                    .maxAge(MAX_AGE_SECONDS).httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.LAX).build();
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie);
        }
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
