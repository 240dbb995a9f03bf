package dev.synin.security.oidc;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** What Synin takes from the claims of a signed-in user (ID token and userinfo together): a name to show and the admin role. */
final class ProviderProfile {

    private static final String[] NAME_CLAIMS = { "preferred_username", "email", "name" };

    private ProviderProfile() {
    }

    /** preferred_username, else email, else name, else the subject. */
    static String displayName(Map<String, Object> claims, String subject) {
        for (String claim : NAME_CLAIMS) {
            if (claims.get(claim) instanceof String value && !value.isBlank()) {
                return value.strip();
            }
        }
        return subject;
    }

    /**
     * Whether the claim at this path ("groups", "realm_access.roles") has the value, or holds it when it is a list.
     * No configured value: nobody is an admin.
     */
    static boolean isAdmin(Map<String, Object> claims, String claimPath, Optional<String> value) {
        if (value.isEmpty()) {
            return false;
        }
        Object claim = claims.get(claimPath);
        if (claim == null && claimPath.contains(".")) {
            Object node = claims;
            for (String part : claimPath.split("\\.")) {
                node = node instanceof Map<?, ?> map ? map.get(part) : null;
            }
            claim = node;
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().anyMatch(element -> element != null && value.get().equals(String.valueOf(element)));
        }
        return claim != null && !(claim instanceof Map) && value.get().equals(String.valueOf(claim));
    }
}
