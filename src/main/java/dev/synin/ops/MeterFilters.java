package dev.synin.ops;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/** Meters Synin leaves out of {@code /q/metrics}, each for a reason given here. */
@Singleton
public class MeterFilters {

    /**
     * {@code /q/metrics} lives on the management port only; even there it leaves out {@code jvm_info}, whose tags are
     * the JVM's vendor and exact version: of no use to a dashboard of Synin, and of use to whoever looks for a known hole.
     */
    @Produces
    @Singleton
    MeterFilter noJvmVersion() {
        return MeterFilter.denyNameStartsWith("jvm.info");
    }

    /**
     * With the management interface on a port of its own, Quarkus 3.34 tags the meters of one HTTP server with
     * {@code server.port} and not those of the other whenever a port is chosen at random; Prometheus refuses meters of
     * one name with different tag keys, by throwing while the server starts (seen with {@code QUARKUS_MANAGEMENT_PORT=0}
     * and in the packaged-jar tests). Giving every HTTP server meter the tag keeps them all.
     */
    @Produces
    @Singleton
    MeterFilter sameTagsForEveryHttpServer() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith("http.server.") && id.getTag("server.port") == null
                        ? id.withTag(Tag.of("server.port", "unknown")) : id;
            }
        };
    }
}
