package dev.synin.security.oidc;

import java.net.URI;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** What Synin uses of the provider's discovery document ({@code /.well-known/openid-configuration}). */
record ProviderMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri, Optional<URI> userinfoEndpoint,
        Optional<URI> endSessionEndpoint, boolean secretInBody) {

    /** The document, checked: it must name the configured issuer (OpenID Connect Discovery 1.0, section 4.3). */
    static ProviderMetadata of(JsonNode document, String configuredIssuer) {
        String issuer = document.path("issuer").asText("");
        if (!stripSlash(issuer).equals(stripSlash(configuredIssuer))) {
            throw new OidcException(OidcException.Kind.PROVIDER_DOWN, "The provider's discovery document names the issuer \""
                    + issuer + "\", not SYNIN_OIDC_ISSUER \"" + configuredIssuer + "\".");
        }
        boolean basic = true;
        JsonNode methods = document.path("token_endpoint_auth_methods_supported");
        if (methods.isArray() && methods.size() > 0) {
            basic = false;
            for (JsonNode method : methods) {
                basic |= "client_secret_basic".equals(method.asText());
            }
        }
        return new ProviderMetadata(issuer, required(document, "authorization_endpoint"), required(document, "token_endpoint"),
                required(document, "jwks_uri"), optional(document, "userinfo_endpoint"), optional(document, "end_session_endpoint"),
                !basic);
    }

    private static URI required(JsonNode document, String name) {
        return optional(document, name).orElseThrow(() -> new OidcException(OidcException.Kind.PROVIDER_DOWN,
                "The provider's discovery document has no " + name + "."));
    }

    private static Optional<URI> optional(JsonNode document, String name) {
        String value = document.path(name).asText("");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(value);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("not http(s)");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw new OidcException(OidcException.Kind.PROVIDER_DOWN, "The provider's " + name + " is not a URL: " + value);
        }
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
