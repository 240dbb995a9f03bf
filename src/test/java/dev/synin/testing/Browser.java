package dev.synin.testing;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** One visitor of Synin with its own owner cookie, as a browser would keep it. */
public final class Browser {

    private final String cookie;
    private final URI base;

    private Browser(String cookie, URI base) {
        this.cookie = cookie;
        this.base = base;
    }

    /** A fresh visitor: Synin issues it an owner cookie on its first request. */
    public static Browser fresh(URI base) {
        String setCookie = given().baseUri(base.toString()).when().get("/api/conversations").then().statusCode(200)
                .extract().header("Set-Cookie");
        if (setCookie == null) {
            throw new AssertionError("Synin issued no owner cookie");
        }
        return new Browser(setCookie.split(";", 2)[0], base);
    }

    /** The same visitor (same cookie) talking to another Synin replica. */
    public Browser at(URI otherReplica) {
        return new Browser(cookie, otherReplica);
    }

    public String cookie() {
        return cookie;
    }

    public RequestSpecification api() {
        return given().baseUri(base.toString()).header("Cookie", cookie).contentType(ContentType.JSON);
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
