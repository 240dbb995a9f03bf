package dev.synin.security.oidc;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jose4j.jwt.JwtClaims;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.security.AuthConfig;
import dev.synin.security.AuthSecrets;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Synin's side of the OpenID Connect authorization code flow: the provider's discovery document (read at the first
 * sign-in, not at start, so a provider that is down does not stop Synin; cached for an hour), the token endpoint (with
 * the PKCE verifier and the client secret) and userinfo, whose claims join the ID token's. ID tokens are checked by
 * {@link IdTokenVerifier}.
 */
@ApplicationScoped
public class OidcClient {

    /** The checked ID token, and its claims together with the userinfo answer's. */
    record SignedIn(String idToken, JwtClaims claims, Map<String, Object> profile) {
    }

    private static final Duration METADATA_TTL = Duration.ofHours(1);

    private final AuthConfig auth;
    private final OidcConfig config;
    private final AuthSecrets secrets;
    private final ProviderHttp http;
    private final IdTokenVerifier idTokens;

    private volatile ProviderMetadata metadata;
    private volatile Instant metadataAt = Instant.EPOCH;

    OidcClient(AuthConfig auth, OidcConfig config, AuthSecrets secrets, ProviderHttp http, IdTokenVerifier idTokens) {
        this.auth = auth;
        this.config = config;
        this.secrets = secrets;
        this.http = http;
        this.idTokens = idTokens;
    }

    void check(@Observes StartupEvent event) {
        if (auth.mode() != AuthConfig.Mode.OIDC) {
            return;
        }
        if (config.issuer().isEmpty() || config.clientId().isEmpty()) {
            throw new IllegalStateException("SYNIN_AUTH_MODE=oidc needs SYNIN_OIDC_ISSUER and SYNIN_OIDC_CLIENT_ID"
                    + " (and SYNIN_OIDC_CLIENT_SECRET for a confidential client).");
        }
        URI issuer;
        try {
            issuer = URI.create(config.issuer().get().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SYNIN_OIDC_ISSUER is not a URL: " + config.issuer().get(), e);
        }
        if (issuer.getHost() == null || !"https".equals(issuer.getScheme()) && !"http".equals(issuer.getScheme())) {
            throw new IllegalStateException("SYNIN_OIDC_ISSUER must be an http(s) URL, e.g. https://id.example.com/realms/main.");
        }
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
        JsonNode document = http.getJson(URI.create(ProviderMetadata.stripSlash(issuer) + "/.well-known/openid-configuration"), null);
        ProviderMetadata fresh = ProviderMetadata.of(document, issuer);
        metadata = fresh;
        metadataAt = Instant.now();
        return fresh;
    }

    /** Redeems the code (with the PKCE verifier), checks the ID token against the nonce, and reads the userinfo. */
    SignedIn redeem(String code, URI redirectUri, PendingSignIn pending) {
        ProviderMetadata provider = metadata();
        String clientId = config.clientId().orElseThrow();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", pending.verifier());
        String authorization = null;
        if (secrets.oidcClientSecret().isEmpty() || provider.secretInBody()) {
            form.put("client_id", clientId);
            secrets.oidcClientSecret().ifPresent(secret -> form.put("client_secret", secret));
        } else {
            // client_secret_basic: both parts form-encoded first (RFC 6749, section 2.3.1).
            String pair = encode(clientId) + ":" + encode(secrets.oidcClientSecret().get());
            authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        ProviderHttp.Answer answer = http.postForm(provider.tokenEndpoint(), body, authorization);
        if (answer.status() != 200) {
            String error = answer.body().path("error").asText("HTTP " + answer.status());
            throw new OidcException(answer.status() >= 500 ? OidcException.Kind.PROVIDER_DOWN : OidcException.Kind.REFUSED,
                    "The provider did not accept the sign-in code (" + error + "); sign in again.");
        }
        String idToken = answer.body().path("id_token").asText("");
        if (idToken.isEmpty()) {
            throw new OidcException(OidcException.Kind.REFUSED, "The provider's token answer has no ID token (is \"openid\" among SYNIN_OIDC_SCOPES?).");
        }
        JwtClaims claims = idTokens.verify(idToken, pending.nonce(), provider, clientId);
        Map<String, Object> profile = new LinkedHashMap<>(claims.getClaimsMap());
        String accessToken = answer.body().path("access_token").asText("");
        if (provider.userinfoEndpoint().isPresent() && !accessToken.isEmpty()) {
            profile.putAll(userinfo(provider.userinfoEndpoint().get(), accessToken, IdTokenVerifier.subject(claims)));
        }
        return new SignedIn(idToken, claims, profile);
    }

    /** The userinfo answer, which must be about the ID token's subject (OpenID Connect Core 1.0, section 5.3.2). */
    private Map<String, Object> userinfo(URI endpoint, String accessToken, String subject) {
        JsonNode answer = http.getJson(endpoint, accessToken);
        if (!subject.equals(answer.path("sub").asText())) {
            throw new OidcException(OidcException.Kind.REFUSED, "The provider's userinfo is about another user (sub mismatch).");
        }
        return http.convert(answer, new TypeReference<Map<String, Object>>() {
        });
    }

    static String encode(String value) {
        return ProviderHttp.encode(value);
    }
}
