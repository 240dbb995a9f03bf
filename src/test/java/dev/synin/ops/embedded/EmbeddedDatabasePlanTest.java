package dev.synin.ops.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** When the embedded PostgreSQL may start, and where its data goes: rules only, nothing started. */
class EmbeddedDatabasePlanTest {

    private static final String BUILT_IN = "jdbc:postgresql://localhost:5432/synin_dev";

    @Test
    void shouldBeAllowedOnlyForTheBuiltInUrlInAutoModeOutsideKubernetesAndTheNativeImage() {
        assertThat(EmbeddedDatabasePlan.whyNot("auto", BUILT_IN, 250, false, false)).isEmpty();
        assertThat(EmbeddedDatabasePlan.whyNot(null, BUILT_IN, 250, false, false)).isEmpty();
        // Environment variable (300), .env (295), config/application.properties (260), system property (400)
        assertThat(EmbeddedDatabasePlan.whyNot("auto", BUILT_IN, 300, false, false)).hasValueSatisfying(
                why -> assertThat(why).contains("configured explicitly"));
        assertThat(EmbeddedDatabasePlan.whyNot("auto", BUILT_IN, 260, false, false)).isPresent();
        assertThat(EmbeddedDatabasePlan.whyNot("off", BUILT_IN, 250, false, false)).hasValue("SYNIN_EMBEDDED_DATABASE=off");
        assertThat(EmbeddedDatabasePlan.whyNot("sometimes", BUILT_IN, 250, false, false)).isPresent();
        assertThat(EmbeddedDatabasePlan.whyNot("auto", BUILT_IN, 250, true, false)).hasValueSatisfying(
                why -> assertThat(why).contains("Kubernetes"));
        assertThat(EmbeddedDatabasePlan.whyNot("auto", BUILT_IN, 250, false, true)).isPresent();
        assertThat(EmbeddedDatabasePlan.whyNot("auto", "", 250, false, false)).isPresent();
    }

    @Test
    void shouldReadHostPortAndDatabaseFromTheUrl() {
        assertThat(EmbeddedDatabasePlan.parse("jdbc:postgresql://localhost:5432/synin?sslmode=disable"))
                .hasValue(new EmbeddedDatabasePlan.Target("localhost", 5432, "synin"));
        assertThat(EmbeddedDatabasePlan.parse("jdbc:postgresql://db/synin"))
                .hasValue(new EmbeddedDatabasePlan.Target("db", 5432, "synin"));
        assertThat(EmbeddedDatabasePlan.parse("jdbc:postgresql://a:1,b:2/synin")).isEmpty();
    }

    @Test
    void shouldKeepDataInTheUsersDataDirectoryUnlessSyninDataDirSaysOtherwise() {
        assertThat(DataDirectory.resolve(null, Map.of("HOME", "/home/ann"), "Linux", "/nonexistent").cluster())
                .isEqualTo(Path.of("/home/ann/.local/share/synin/postgres"));
        assertThat(DataDirectory.resolve("", Map.of(), "Linux", "/home/bob").cluster())
                .isEqualTo(Path.of("/home/bob/.local/share/synin/postgres"));
        assertThat(DataDirectory.resolve(null, Map.of("HOME", "/home/ann", "XDG_DATA_HOME", "/data/ann"), "Linux", "/x").cluster())
                .isEqualTo(Path.of("/data/ann/synin/postgres"));
        assertThat(DataDirectory.resolve(null, Map.of("HOME", "/Users/cy"), "Mac OS X", "/Users/cy").cluster())
                .isEqualTo(Path.of("/Users/cy/Library/Application Support/Synin/postgres"));
        assertThat(DataDirectory.resolve("/srv/synin", Map.of("HOME", "/home/ann"), "Linux", "/x").cluster())
                .isEqualTo(Path.of("/srv/synin/postgres"));
    }

    @Test
    void shouldNameTheOneFixForRootOnThisKindOfSystem() {
        assertThat(EmbeddedDatabasePlan.rootFix(Map.of("SUDO_USER", "ann"), true, "localhost:5432"))
                .contains("Run Synin as ann instead, without sudo");
        assertThat(EmbeddedDatabasePlan.rootFix(Map.of(), true, "localhost:5432"))
                .contains("apt-get install -y postgresql && sed -i -E")
                .contains("/etc/postgresql/*/main/pg_hba.conf")
                .contains("localhost:5432");
        assertThat(EmbeddedDatabasePlan.rootFix(Map.of(), false, "localhost:5432"))
                .contains("Run Synin as an ordinary user (not root)");
    }
}
