package dev.synin.security.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.synin.security.Secrets;
import dev.synin.security.SessionCookies;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;

/**
 * A sign-in this browser started: the state, nonce and PKCE verifier (256 random bits each), kept in the browser in the
 * {@code synin_oidc} cookie (HttpOnly, SameSite=Lax, only sent to /login/oidc) until the provider sends it back. The
 * callback must carry the same state (no login CSRF), the ID token the same nonce (no replayed token), and the code
 * redeems only with the verifier (PKCE), so a code or token taken from another browser's sign-in is of no use here.
 */
record PendingSignIn(String state, String nonce, String verifier, Instant startedAt) {

    static final String COOKIE = "synin_oidc";
    static final String PATH = "/login/oidc";
    /** How long the user may take at the provider. */
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Pattern FORMAT = Pattern.compile("v1\\.([A-Za-z0-9_-]{43})\\.([A-Za-z0-9_-]{43})\\.([A-Za-z0-9_-]{43})\\.([0-9]{1,12})");

    static PendingSignIn start() {
        return new PendingSignIn(Secrets.random(32), Secrets.random(32), Secrets.random(32), Instant.now());
    }

    /** The sign-in behind this cookie value, if it is well formed and not older than {@link #LIFETIME}. */
    static Optional<PendingSignIn> of(String cookie) {
        Matcher parts = cookie == null ? null : FORMAT.matcher(cookie);
        if (parts == null || !parts.matches()) {
            return Optional.empty();
        }
        Instant started = Instant.ofEpochSecond(Long.parseLong(parts.group(4)));
        if (started.plus(LIFETIME).isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(new PendingSignIn(parts.group(1), parts.group(2), parts.group(3), started));
    }

    /** The PKCE S256 challenge of the verifier. */
    String challenge() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    boolean answers(String returnedState) {
        return Secrets.constantTimeEquals(returnedState, state);
    }

    String setCookie(HttpServerRequest request) {
        String value = "v1." + state + "." + nonce + "." + verifier + "." + startedAt.getEpochSecond();
        return cookie(request, value).setMaxAge(LIFETIME.toSeconds()).encode();
    }

    static String clearCookie(HttpServerRequest request) {
        return cookie(request, "").setMaxAge(0).encode();
    }

    private static Cookie cookie(HttpServerRequest request, String value) {
        // Lax, not Strict: the provider's redirect back is a cross-site navigation, and it must carry this cookie.
        return Cookie.cookie(COOKIE, value).setPath(PATH).setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                .setSecure(SessionCookies.overTls(request));
    }
}
