package dev.synin.replicas;

import java.util.Map;

import dev.synin.testing.FakeLmStudio;

/** The environment of a Synin process in the integration tests. */
final class ReplicasItEnv {

    private ReplicasItEnv() {
    }

    static Map<String, String> of(FakeLmStudio fake) {
        return Map.of("LM_STUDIO_BASE_URL", fake.baseUrl(),
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:5432/synin_it",
                "SYNIN_CHAT_PARTIAL_SAVE_INTERVAL", "300ms");
    }
}
