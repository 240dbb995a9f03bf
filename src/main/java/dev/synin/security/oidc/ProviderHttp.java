package dev.synin.security.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Requests to the provider on the JDK's HTTP client, blocking (called from worker threads only), 10 s at most, never
 * following redirects. Whatever goes wrong on the way is an {@link OidcException} of kind PROVIDER_DOWN.
 */
@ApplicationScoped
class ProviderHttp {

    /** An answer that is a JSON object, with its status. */
    record Answer(int status, JsonNode body) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            // HTTP/1.1: no h2c upgrade attempt towards plain-http providers, which some proxies mishandle.
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    ProviderHttp(ObjectMapper json) {
        this.json = json;
    }

    /** A GET that must answer 200 with a JSON object; with a bearer token when not null (userinfo). */
    JsonNode getJson(URI uri, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() != 200) {
            throw new OidcException(OidcException.Kind.PROVIDER_DOWN, uri + " answered HTTP " + response.statusCode() + ".");
        }
        return parse(response.body(), uri.toString());
    }

    /** A form POST (the token endpoint); any status, the body must be a JSON object. */
    Answer postForm(URI uri, String form, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = send(request.build());
        return new Answer(response.statusCode(), parse(response.body(), "token endpoint"));
    }

    <T> T convert(JsonNode node, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        return json.convertValue(node, type);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OidcException(OidcException.Kind.PROVIDER_DOWN, "Cannot reach the sign-in provider (" + request.uri().getHost() + "): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OidcException(OidcException.Kind.PROVIDER_DOWN, "Interrupted while asking the sign-in provider.", e);
        }
    }

    private JsonNode parse(String body, String what) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new OidcException(OidcException.Kind.PROVIDER_DOWN, "The provider's " + what + " did not answer JSON.", e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
