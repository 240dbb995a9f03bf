package dev.synin.ops;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/**
 * {@code /q/metrics} lives on the management port only; even there it leaves out {@code jvm_info}, whose tags are the
 * JVM's vendor and exact version: of no use to a dashboard of Synin, and of use to whoever looks for a known hole.
 */
@Singleton
public class MetricsPrivacy {

    @Produces
    @Singleton
    MeterFilter noJvmVersion() {
        return MeterFilter.denyNameStartsWith("jvm.info");
    }
}
