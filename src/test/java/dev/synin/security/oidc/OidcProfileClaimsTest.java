package dev.synin.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** How the claims of a signed-in user become Synin's admin role and display name (no provider needed). */
class OidcProfileClaimsTest {

    private static final Optional<String> ADMINS = Optional.of("synin-admins");

    @Test
    void shouldFindTheAdminValueInAListAStringOrANestedClaim() {
        assertThat(ProviderProfile.isAdmin(Map.of("groups", List.of("staff", "synin-admins")), "groups", ADMINS)).isTrue();
        assertThat(ProviderProfile.isAdmin(Map.of("groups", List.of("staff")), "groups", ADMINS)).isFalse();
        assertThat(ProviderProfile.isAdmin(Map.of("role", "synin-admins"), "role", ADMINS)).isTrue();
        assertThat(ProviderProfile.isAdmin(Map.of("synin_admin", true), "synin_admin", Optional.of("true"))).isTrue();
        Map<String, Object> keycloak = Map.of("realm_access", Map.of("roles", List.of("offline_access", "synin-admins")));
        assertThat(ProviderProfile.isAdmin(keycloak, "realm_access.roles", ADMINS)).isTrue();
        assertThat(ProviderProfile.isAdmin(keycloak, "realm_access.groups", ADMINS)).isFalse();
    }

    @Test
    void shouldMakeNobodyAnAdminWithoutAConfiguredValueOrClaim() {
        assertThat(ProviderProfile.isAdmin(Map.of("groups", List.of("synin-admins")), "groups", Optional.empty())).isFalse();
        assertThat(ProviderProfile.isAdmin(Map.of(), "groups", ADMINS)).isFalse();
        // An object is never "equal" to a value, whatever its text.
        assertThat(ProviderProfile.isAdmin(Map.of("groups", Map.of("synin-admins", true)), "groups", ADMINS)).isFalse();
    }

    @Test
    void shouldNameTheUserByPreferredUsernameThenEmailThenNameThenSubject() {
        assertThat(ProviderProfile.displayName(Map.of("preferred_username", " jane ", "email", "j@example.com"), "s1")).isEqualTo("jane");
        assertThat(ProviderProfile.displayName(Map.of("preferred_username", " ", "email", "j@example.com"), "s1")).isEqualTo("j@example.com");
        assertThat(ProviderProfile.displayName(Map.of("name", "Jane Doe"), "s1")).isEqualTo("Jane Doe");
        assertThat(ProviderProfile.displayName(Map.of("name", 42), "s1")).isEqualTo("s1");
    }
}
