package dev.synin.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** The identities Synin builds: who signed in, which owner id their conversations carry, and their roles. */
public final class SyninIdentity {

    /** Attribute: the owner id stored in {@code conversation.owner_id}. */
    public static final String OWNER = "synin.owner";
    /** Attribute: the account id in users mode. */
    public static final String USER_ID = "synin.user-id";
    /** Attribute: oidc mode, what the provider calls the user. */
    public static final String DISPLAY_NAME = "synin.display-name";
    /** Attribute: the session's idle deadline moved, so its cookie is sent again. */
    public static final String RENEWED = "synin.session-renewed";
    /** Everyone who holds the access token is this one owner, from every browser. */
    public static final String TOKEN_OWNER = "token:default";
    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    private SyninIdentity() {
    }

    public static QuarkusSecurityIdentity.Builder tokenHolder() {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("token")).addRole(ROLE_USER)
                .addAttribute(OWNER, TOKEN_OWNER);
    }

    public static QuarkusSecurityIdentity.Builder user(long id, String username, boolean admin) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username))
                .addRole(ROLE_USER).addAttribute(OWNER, "user:" + id).addAttribute(USER_ID, id);
        return admin ? builder.addRole(ROLE_ADMIN) : builder;
    }

    public static String ownerOf(SecurityIdentity identity) {
        return identity.getAttribute(OWNER);
    }
}
