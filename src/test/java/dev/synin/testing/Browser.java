package dev.synin.testing;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** One visitor of Synin with its own cookie (owner cookie, or session cookie once signed in), as a browser would keep it. */
public final class Browser {

    /** The header the web UI sends on every fetch; Synin refuses cookie-bearing state changes without it (CSRF). */
    public static final String CSRF_HEADER = "X-Requested-With";
    public static final String CSRF_VALUE = "synin";
    public static final String SESSION_COOKIE = "synin_session";

    private final String cookie;
    private final URI base;

    private Browser(String cookie, URI base) {
        this.cookie = cookie;
        this.base = base;
    }

    /** A fresh visitor: Synin issues it an owner cookie on its first request (SYNIN_AUTH_MODE=none). */
    public static Browser fresh(URI base) {
        String setCookie = given().baseUri(base.toString()).when().get("/api/conversations").then().statusCode(200)
                .extract().header("Set-Cookie");
        if (setCookie == null) {
            throw new AssertionError("Synin issued no owner cookie");
        }
        return new Browser(setCookie.split(";", 2)[0], base);
    }

    /** A visitor that kept exactly this cookie ({@code name=value}), e.g. to replay a stolen or logged-out one. */
    public static Browser withCookie(URI base, String cookie) {
        return new Browser(cookie, base);
    }

    /** Signs in through the login form in token mode. */
    public static Browser withToken(URI base, String token) {
        return signIn(base, Map.of("token", token));
    }

    /** Signs in through the login form in users mode. */
    public static Browser signedIn(URI base, String username, String password) {
        return signIn(base, Map.of("username", username, "password", password));
    }

    private static Browser signIn(URI base, Map<String, String> form) {
        Response response = postLogin(base, form);
        response.then().statusCode(303).header("Location", "/");
        return new Browser(sessionCookie(response), base);
    }

    /** {@code POST /login} as the form does (no custom header), without following the redirect. */
    public static Response postLogin(URI base, Map<String, String> form) {
        return loginRequest(base).formParams(form).post("/login");
    }

    public static RequestSpecification loginRequest(URI base) {
        return given().baseUri(base.toString()).redirects().follow(false).contentType(ContentType.URLENC);
    }

    /** {@code synin_session=<value>} from a response's Set-Cookie headers, or an error if there is none. */
    public static String sessionCookie(Response response) {
        return response.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(SESSION_COOKIE + "="))
                .map(c -> c.split(";", 2)[0]).filter(c -> c.length() > SESSION_COOKIE.length() + 1).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }

    /** The same visitor (same cookie) talking to another Synin replica. */
    public Browser at(URI otherReplica) {
        return new Browser(cookie, otherReplica);
    }

    public String cookie() {
        return cookie;
    }

    /** An API call as the web UI makes it: with the cookie and the CSRF header. */
    public RequestSpecification api() {
        return given().baseUri(base.toString()).header("Cookie", cookie).header(CSRF_HEADER, CSRF_VALUE).contentType(ContentType.JSON);
    }

    /** {@code POST /logout} as the UI's fetch does; the redirect is not followed. */
    public Response logout() {
        return api().redirects().follow(false).post("/logout");
    }

    /** Follows the running (or last) answer of a conversation, after the event {@code lastEventId} when not null. */
    public SseClient follow(String conversationId, String lastEventId) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of(CSRF_HEADER, CSRF_VALUE));
        if (cookie() != null) {
            headers.put("Cookie", cookie());
        }
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        return SseClient.get(base.resolve("/api/conversations/" + conversationId + "/stream"), headers);
    }

    public SseClient stream(String json) {
        return SseClient.post(base.resolve("/api/chat/stream"), json, cookie);
    }

    public SseClient stream(Map<String, Object> body) {
        return stream(Json.write(body));
    }

    public static Map<String, Object> userSays(String text) {
        return Map.of("messages", List.of(Map.of("role", "user", "content", text)));
    }
}
