package dev.synin.security.oidc;

/** A sign-in with the provider that did not succeed: refused (the user or the answer was not accepted) or the provider unreachable. */
public class OidcException extends RuntimeException {

    /** Why a sign-in failed, which decides its status. */
    public enum Kind {
        /** 400: the callback does not belong to a sign-in this browser started (state, missing code). */
        BAD_CALLBACK(400),
        /** 401: the provider said no, or what it answered did not pass the checks (signature, issuer, audience, nonce...). */
        REFUSED(401),
        /** 502: the provider could not be reached or answered something unusable. */
        PROVIDER_DOWN(502);

        final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;

    public OidcException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public OidcException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return kind.status;
    }
}
