package dev.synin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs docker/validate.sh as part of the test command: nginx -t on the proxy config, an SSE stream through it,
 * YAML parsing of compose and every manifest, the Caddyfile's structure. It needs nginx, openssl and PyYAML
 * (.ci/run installs them).
 */
class DeployFilesValidationTest {

    @Test
    void shouldPassEveryCheckThatCanRunWithoutDocker() throws IOException, InterruptedException {
        Process validate = new ProcessBuilder("bash", "docker/validate.sh").redirectErrorStream(true).start();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.waitFor(120, TimeUnit.SECONDS)).as("validate.sh finished").isTrue();
        assertThat(validate.exitValue()).as(output).isZero();
        // Five checks always run; the sixth (kustomize rendering) only where kubectl is installed.
        assertThat(output).containsPattern("all [56] checks passed");
    }
}
