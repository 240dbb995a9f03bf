package dev.synin.chat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How replicas share live answers. Env: {@code SYNIN_REPLICAS_BUS}. */
@ConfigMapping(prefix = "synin.replicas")
public interface ReplicaConfig {

    enum Bus {
        /** Redis ({@code QUARKUS_REDIS_HOSTS}) when it answers at start, else this replica alone. */
        AUTO,
        /** Always Redis; a start without it logs an error and runs alone until restarted. */
        REDIS,
        /** This replica alone: other replicas see its answers only through the 2-second saves. */
        LOCAL
    }

    /** Where the events of an answer being generated travel to the other replicas' subscribers. */
    @WithDefault("auto")
    Bus bus();
}
