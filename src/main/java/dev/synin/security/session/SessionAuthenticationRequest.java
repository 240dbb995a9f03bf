package dev.synin.security.session;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The value of the {@code synin_session} cookie, to be checked against the stored sessions. */
public class SessionAuthenticationRequest extends BaseAuthenticationRequest {

    private final String sessionId;

    public SessionAuthenticationRequest(String sessionId) {
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }
}
