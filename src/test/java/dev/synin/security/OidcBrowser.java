package dev.synin.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser for the oidc-mode tests, on the JDK's HTTP client: it keeps cookies for Synin and the provider (both on
 * localhost) and follows redirects one by one, so a test can stop at Synin's callback, change it, or send it from
 * another browser. It fills in the test provider's login form like a user would.
 */
final class OidcBrowser {

    private static final Pattern LOGIN_FORM = Pattern.compile("action=\"(/interaction/[^\"]+/login)\"");
    private static final Pattern LOGOUT_FORM = Pattern.compile("action=\"([^\"]+)\"");
    private static final Pattern XSRF = Pattern.compile("name=\"xsrf\" value=\"([^\"]+)\"");

    private final URI synin;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    /** Whether the last {@link #walkToCallback} had to fill in the provider's login form. */
    boolean askedToSignIn;

    OidcBrowser(URI synin) {
        this.synin = synin;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Signs in as this login name at the provider; the answer is Synin's to the callback (normally 303 to /). */
    HttpResponse<String> signIn(String login) {
        return get(walkToCallback(login));
    }

    /**
     * From "Sign in with ..." through the provider (its login form filled in if it asks) to the redirect back to Synin's
     * callback, which is returned without being requested.
     */
    URI walkToCallback(String login) {
        askedToSignIn = false;
        HttpResponse<String> response = get(synin.resolve("/login/oidc"));
        for (int hop = 0; hop < 20; hop++) {
            if (response.statusCode() / 100 == 3) {
                URI next = location(response);
                if (next.getPath().equals("/login/oidc/callback")) {
                    return next;
                }
                response = get(next);
            } else if (response.statusCode() == 200 && LOGIN_FORM.matcher(response.body()).find()) {
                Matcher form = LOGIN_FORM.matcher(response.body());
                form.find();
                askedToSignIn = true;
                response = post(response.uri().resolve(form.group(1)), Map.of("login", login, "password", OidcProviderResource.PASSWORD));
            } else {
                throw new AssertionError("Unexpected " + response.statusCode() + " from " + response.uri() + ":\n" + response.body());
            }
        }
        throw new AssertionError("Too many redirects");
    }

    /** Confirms the provider's logout page (RP-initiated logout); the answer is the provider's redirect back. */
    HttpResponse<String> confirmLogout(HttpResponse<String> logoutPage) {
        Matcher action = LOGOUT_FORM.matcher(logoutPage.body());
        Matcher xsrf = XSRF.matcher(logoutPage.body());
        if (!action.find() || !xsrf.find()) {
            throw new AssertionError("Not the provider's logout page:\n" + logoutPage.body());
        }
        return post(logoutPage.uri().resolve(action.group(1)), Map.of("xsrf", xsrf.group(1), "logout", "yes"));
    }

    HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    HttpResponse<String> post(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** {@code POST /logout} as the page's fetch does it. */
    HttpResponse<String> logout() {
        return send(HttpRequest.newBuilder(synin.resolve("/logout")).header("X-Requested-With", "synin")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /** Replaces a cookie's value, as a user could in their own browser. */
    void setCookie(String name, String value) {
        HttpCookie old = cookie(name).orElseThrow(() -> new AssertionError("no cookie " + name));
        cookies.getCookieStore().remove(synin, old);
        HttpCookie changed = new HttpCookie(name, value);
        changed.setPath(old.getPath());
        changed.setVersion(0);
        cookies.getCookieStore().add(synin, changed);
    }

    static URI location(HttpResponse<?> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location")));
    }

    /** {@code synin_session=<value>} from the answer's Set-Cookie headers. */
    static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("synin_session=") && !c.startsWith("synin_session=;"))
                .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
