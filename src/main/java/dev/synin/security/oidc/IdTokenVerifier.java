package dev.synin.security.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

import dev.synin.security.Secrets;
import io.quarkus.logging.Log;

/**
 * Checks ID tokens with jose4j (OpenID Connect Core 1.0, section 3.1.3.7): the signature by one of the provider's
 * published keys (asymmetric algorithms only, so a token "signed" with a guessable secret or none is refused), issuer,
 * audience and authorized party, expiry and issue time (a minute of clock skew), and the nonce of this sign-in. The keys
 * are fetched at the first sign-in and again when a token does not verify with them (the provider rotated its keys),
 * at most every 30 seconds.
 */
@ApplicationScoped
class IdTokenVerifier {

    private static final Duration KEYS_REFETCH_AFTER = Duration.ofSeconds(30);
    private static final AlgorithmConstraints ASYMMETRIC = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA384,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA512, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512,
            AlgorithmIdentifiers.EDDSA);

    private final ProviderHttp http;
    private volatile List<JsonWebKey> keys;
    private volatile Instant keysAt = Instant.EPOCH;

    IdTokenVerifier(ProviderHttp http) {
        this.http = http;
    }

    JwtClaims verify(String idToken, String nonce, ProviderMetadata provider, String clientId) {
        JwtClaims claims;
        try {
            claims = consumer(provider, clientId, keys(provider, false)).processToClaims(idToken);
        } catch (InvalidJwtException first) {
            if (!keysAt.plus(KEYS_REFETCH_AFTER).isBefore(Instant.now())) {
                throw refused(first);
            }
            try {
                claims = consumer(provider, clientId, keys(provider, true)).processToClaims(idToken);
            } catch (InvalidJwtException again) {
                throw refused(again);
            }
        }
        try {
            String azp = claims.getStringClaimValue("azp");
            if (azp != null && !azp.equals(clientId) || azp == null && claims.getAudience().size() > 1) {
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

    static String subject(JwtClaims claims) {
        try {
            return claims.getSubject();
        } catch (MalformedClaimException e) {
            throw new OidcException(OidcException.Kind.REFUSED, "The ID token's subject is not a string.");
        }
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
        try {
            List<JsonWebKey> fresh = new JsonWebKeySet(http.getJson(provider.jwksUri(), null).toString()).getJsonWebKeys();
            keys = fresh;
            keysAt = Instant.now();
            return fresh;
        } catch (JoseException e) {
            throw new OidcException(OidcException.Kind.PROVIDER_DOWN, "The provider's keys (jwks_uri) cannot be read: " + e.getMessage(), e);
        }
    }
}
