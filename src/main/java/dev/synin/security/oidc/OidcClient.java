package dev.synin.security.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.synin.security.AuthConfig;
import dev.synin.security.AuthSecrets;
import dev.synin.security.Secrets;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Synin's side of the OpenID Connect authorization code flow, on the JDK's HTTP client (blocking: called from worker
 * threads only). Discovery and keys are fetched at the first sign-in, not at start, so a provider that is down does not
 * stop Synin; they are cached, the keys fetched again when a token names a key not seen yet (key rotation). ID tokens are
 * checked with jose4j: signature by the provider's published keys (asymmetric algorithms only), issuer, audience and
 * authorized party, expiry and issue time, and the nonce of this sign-in.
 */
@ApplicationScoped
public class OidcClient {

    /** What the token endpoint answered, and the ID token's claims once checked. */
    record SignedIn(String idToken, JwtClaims claims, Map<String, Object> profile) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration METADATA_TTL = Duration.ofHours(1);
    /** A flood of tokens naming unknown keys must not become a flood of requests to the provider. */
    private static final Duration KEYS_REFETCH_AFTER = Duration.ofSeconds(30);
    private static final AlgorithmConstraints ASYMMETRIC = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA384,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA512, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512,
            AlgorithmIdentifiers.EDDSA);

    private final AuthConfig auth;
    private final OidcConfig config;
    private final AuthSecrets secrets;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

    private volatile ProviderMetadata metadata;
    private volatile Instant metadataAt = Instant.EPOCH;
    private volatile List<JsonWebKey> keys;
    private volatile Instant keysAt = Instant.EPOCH;

    OidcClient(AuthConfig auth, OidcConfig config, AuthSecrets secrets, ObjectMapper json) {
        this.auth = auth;
        this.config = config;
        this.secrets = secrets;
        this.json = json;
    }

    void check(@Observes StartupEvent event) {
        if (auth.mode() != AuthConfig.Mode.OIDC) {
            return;
        }
        if (config.issuer().isEmpty() || config.clientId().isEmpty()) {
            throw new IllegalStateException("SYNIN_AUTH_MODE=oidc needs SYNIN_OIDC_ISSUER and SYNIN_OIDC_CLIENT_ID"
                    + " (and SYNIN_OIDC_CLIENT_SECRET for a confidential client).");
        }
        URI issuer = URI.create(config.issuer().get());
        if (!"https".equals(issuer.getScheme()) && !"localhost".equals(issuer.getHost()) && !"127.0.0.1".equals(issuer.getHost())) {
            Log.warnf("SYNIN_OIDC_ISSUER %s is not https: tokens and codes cross the network in clear text.", issuer);
        }
    }

    /** The provider's endpoints, from its discovery document (cached for an hour). */
    public ProviderMetadata metadata() {
        ProviderMetadata known = metadata;
        if (known != null && metadataAt.plus(METADATA_TTL).isAfter(Instant.now())) {
            return known;
        }
        String issuer = config.issuer().orElseThrow();
        JsonNode document = getJson(URI.create(ProviderMetadata.stripSlash(issuer) + "/.well-known/openid-configuration"), null);
        ProviderMetadata fresh = ProviderMetadata.of(document, issuer);
        metadata = fresh;
        metadataAt = Instant.now();
        return fresh;
    }

    /** Redeems the code (with the PKCE verifier), checks the ID token against the nonce, and reads the userinfo. */
    SignedIn redeem(String code, URI redirectUri, PendingSignIn pending) {
        ProviderMetadata provider = metadata();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", pending.verifier());
        HttpRequest.Builder request = HttpRequest.newBuilder(provider.tokenEndpoint()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        String clientId = config.clientId().orElseThrow();
        if (secrets.oidcClientSecret().isEmpty() || provider.secretInBody()) {
            form.put("client_id", clientId);
            secrets.oidcClientSecret().ifPresent(secret -> form.put("client_secret", secret));
        } else {
            // client_secret_basic: both parts form-encoded first (RFC 6749, section 2.3.1).
            String pair = encode(clientId) + ":" + encode(secrets.oidcClientSecret().get());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        HttpResponse<String> response = send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
        JsonNode answer = parse(response.body(), "token endpoint");
        if (response.statusCode() != 200) {
            String error = answer.path("error").asText("HTTP " + response.statusCode());
            throw new OidcException(response.statusCode() >= 500 ? OidcException.Kind.PROVIDER_DOWN : OidcException.Kind.REFUSED,
                    "The provider did not accept the sign-in code (" + error + "); sign in again.");
        }
        String idToken = answer.path("id_token").asText("");
        if (idToken.isEmpty()) {
            throw new OidcException(OidcException.Kind.REFUSED, "The provider's token answer has no ID token (is \"openid\" among SYNIN_OIDC_SCOPES?).");
        }
        JwtClaims claims = verify(idToken, pending.nonce(), provider);
        Map<String, Object> profile = new LinkedHashMap<>(claims.getClaimsMap());
        String accessToken = answer.path("access_token").asText("");
        if (provider.userinfoEndpoint().isPresent() && !accessToken.isEmpty()) {
            profile.putAll(userinfo(provider.userinfoEndpoint().get(), accessToken, subject(claims)));
        }
        return new SignedIn(idToken, claims, profile);
    }

    private JwtClaims verify(String idToken, String nonce, ProviderMetadata provider) {
        String clientId = config.clientId().orElseThrow();
        JwtClaims claims;
        try {
            claims = consumer(provider, clientId, keys(provider, false)).processToClaims(idToken);
        } catch (InvalidJwtException first) {
            if (!keysAt.plus(KEYS_REFETCH_AFTER).isBefore(Instant.now())) {
                throw refused(first);
            }
            try {
                // Perhaps the provider rotated its keys since they were read.
                claims = consumer(provider, clientId, keys(provider, true)).processToClaims(idToken);
            } catch (InvalidJwtException again) {
                throw refused(again);
            }
        }
        try {
            List<String> audience = claims.getAudience();
            String azp = claims.getStringClaimValue("azp");
            if (azp != null && !azp.equals(clientId) || azp == null && audience.size() > 1) {
                throw new OidcException(OidcException.Kind.REFUSED, "The ID token was issued to another client (azp).");
            }
            if (!Secrets.constantTimeEquals(claims.getStringClaimValue("nonce"), nonce)) {
                throw new OidcException(OidcException.Kind.REFUSED, "The ID token does not belong to this sign-in (nonce mismatch); sign in again.");
            }
        } catch (MalformedClaimException e) {
            throw refused(e);
        }
        return claims;
    }

    private static JwtConsumer consumer(ProviderMetadata provider, String clientId, List<JsonWebKey> keys) {
        return new JwtConsumerBuilder().setExpectedIssuer(true, provider.issuer()).setExpectedAudience(clientId)
                .setRequireExpirationTime().setRequireIssuedAt().setRequireSubject().setAllowedClockSkewInSeconds(60)
                .setJwsAlgorithmConstraints(ASYMMETRIC).setVerificationKeyResolver(new JwksVerificationKeyResolver(keys)).build();
    }

    private static OidcException refused(Exception cause) {
        Log.infof("Refused an ID token: %s", cause.getMessage());
        return new OidcException(OidcException.Kind.REFUSED, "The provider's ID token did not pass Synin's checks; sign in again.", cause);
    }

    private List<JsonWebKey> keys(ProviderMetadata provider, boolean refresh) {
        List<JsonWebKey> known = keys;
        if (known != null && !refresh) {
            return known;
        }
        JsonNode document = getJson(provider.jwksUri(), null);
        try {
            List<JsonWebKey> fresh = new JsonWebKeySet(document.toString()).getJsonWebKeys();
            keys = fresh;
            keysAt = Instant.now();
            return fresh;
        } catch (JoseException e) {
            throw new OidcException(OidcException.Kind.PROVIDER_DOWN, "The provider's keys (jwks_uri) cannot be read: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> userinfo(URI endpoint, String accessToken, String subject) {
        JsonNode answer = getJson(endpoint, accessToken);
        if (!subject.equals(answer.path("sub").asText())) {
            throw new OidcException(OidcException.Kind.REFUSED, "The provider's userinfo is about another user (sub mismatch).");
        }
        return json.convertValue(answer, new TypeReference<Map<String, Object>>() {
        });
    }

    static String subject(JwtClaims claims) {
        try {
            return claims.getSubject();
        } catch (MalformedClaimException e) {
            throw new OidcException(OidcException.Kind.REFUSED, "The ID token's subject is not a string.");
        }
    }

    private JsonNode getJson(URI uri, String bearer) {
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
