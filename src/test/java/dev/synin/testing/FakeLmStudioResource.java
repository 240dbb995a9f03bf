package dev.synin.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts {@link FakeLmStudio} for a {@code @QuarkusTest} and points Synin at it. */
public class FakeLmStudioResource implements QuarkusTestResourceLifecycleManager {

    /** Marks a {@link FakeLmStudio} field of a test to receive the running fake. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectFake {
    }

    private FakeLmStudio fake;

    @Override
    public Map<String, String> start() {
        fake = new FakeLmStudio().start();
        return Map.of("lm-studio.base-url", fake.baseUrl(),
                // Short so that timeout tests finish quickly; tests of long answers use a faster pace.
                "lm-studio.first-token-timeout", "2s",
                "lm-studio.idle-timeout", "1s",
                "lm-studio.models-cache-ttl", "0s");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(fake, new TestInjector.AnnotatedAndMatchesType(InjectFake.class, FakeLmStudio.class));
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.stop();
        }
    }
}
