package dev.synin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Parses docker/compose.yaml with SnakeYAML and checks its services, its env names (the same list as Kubernetes:
 * {@link AppEnvVars}) and that the services point at each other, and at the Caddyfile, the way the files say.
 * Values are read with compose's own defaults applied ({@code ${VAR:-default}}), as `docker compose up` would
 * see them with no .env file.
 */
class ComposeFileTest {

    static final Path DOCKER = Path.of("docker");
    static final Map<String, Object> COMPOSE = load(DOCKER.resolve("compose.yaml"));
    static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::?-([^}]*))?}");

    @Test
    void composeRunsSyninPostgresRedisAndCaddy() {
        assertThat(map(COMPOSE.get("services")).keySet()).containsExactlyInAnyOrder("synin", "postgres", "redis",
                "caddy");
        assertThat(map(service("synin").get("deploy")).get("replicas")).as("more than one replica, as on Kubernetes")
                .isEqualTo(2);
    }

    @Test
    void syninGetsEveryEnvVarAndOnlyKnownOnes() {
        assertThat(env("synin").keySet()).containsExactlyInAnyOrderElementsOf(AppEnvVars.BY_NAME.keySet());
    }

    @Test
    void variableDefaultsAreReadLikeComposeReadsThem() {
        assertThat(interpolate("${A:-x}/${B}/${C-y}/z")).isEqualTo("x//y/z");
    }

    @Test
    void lmStudioIsReachedOnTheHost() {
        assertThat(strings(service("synin").get("extra_hosts"))).contains("host.docker.internal:host-gateway");
        URI lmStudio = URI.create(env("synin").get("LM_STUDIO_BASE_URL"));
        assertThat(lmStudio.getHost()).isEqualTo("host.docker.internal");
        assertThat(lmStudio.getPath()).isEqualTo("/v1");
    }

    @Test
    void databaseAndRedisSettingsPointAtTheirServices() {
        Map<String, String> synin = env("synin");
        Map<String, String> postgres = env("postgres");
        URI jdbc = URI.create(synin.get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
        assertThat(jdbc.getHost()).isEqualTo("postgres");
        assertThat(jdbc.getPort()).isEqualTo(5432);
        assertThat(jdbc.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
        assertThat(synin.get("QUARKUS_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(synin.get("QUARKUS_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        URI redis = URI.create(synin.get("QUARKUS_REDIS_HOSTS"));
        assertThat(redis.getHost()).isIn(map(COMPOSE.get("services")).keySet()).isEqualTo("redis");
        assertThat(synin.get("SYNIN_RATE_LIMIT_STORE")).as("replicas count requests together").isEqualTo("redis");
        assertThat(map(service("synin").get("depends_on")).keySet()).contains("postgres", "redis");
    }

    @Test
    void onlyCaddyIsPublishedAndItProxiesToSynin() throws IOException {
        assertThat(service("synin")).doesNotContainKey("ports");
        assertThat(strings(service("caddy").get("ports"))).contains("80:80", "443:443");
        assertThat(strings(service("caddy").get("volumes"))).contains("./Caddyfile:/etc/caddy/Caddyfile:ro");
        String caddyfile = Files.readString(DOCKER.resolve("Caddyfile"));
        Matcher upstream = Pattern.compile("dynamic a \\{\\$SYNIN_UPSTREAM_HOST:(\\S+)} \\{\\$SYNIN_UPSTREAM_PORT:(\\d+)}")
                .matcher(caddyfile);
        assertThat(upstream.find()).as("reverse_proxy's dynamic upstream").isTrue();
        assertThat(upstream.group(1)).isEqualTo("synin");
        assertThat(upstream.group(2)).isEqualTo(String.valueOf(KubernetesManifestsTest.HTTP_PORT));
        assertThat(caddyfile).contains("flush_interval -1");
        List<String> compressed = caddyfile.lines().map(String::strip)
                .filter(l -> l.startsWith("header Content-Type")).toList();
        assertThat(compressed).as("encode's match list").isNotEmpty()
                .noneMatch(l -> l.contains("event-stream") || l.contains("text/*"));
        assertThat(env("caddy").get("SYNIN_TLS")).isEqualTo("internal");
    }

    @Test
    void syninIsBuiltFromTheMultiStageDockerfileWithTheSourcesInItsContext() {
        Map<String, Object> build = map(service("synin").get("build"));
        Path context = DOCKER.resolve((String) build.get("context")).normalize();
        assertThat(context.resolve("pom.xml")).as("the context is the repository root").exists();
        Path dockerfile = context.resolve((String) build.get("dockerfile"));
        assertThat(dockerfile).exists();
        assertThat(Path.of(dockerfile + ".dockerignore")).as("BuildKit's per-Dockerfile ignore file").exists();
    }

    @Test
    void syninRunsLockedDownAndDrainsOnStop() {
        Map<String, Object> synin = service("synin");
        assertThat(synin.get("read_only")).isEqualTo(true);
        assertThat(strings(synin.get("tmpfs"))).contains("/tmp");
        assertThat(strings(synin.get("cap_drop"))).contains("ALL");
        Duration drain = DurationConverter.parseDuration(env("synin").get("SYNIN_SHUTDOWN_GRACE"));
        Duration grace = DurationConverter.parseDuration((String) synin.get("stop_grace_period"));
        assertThat(drain).isLessThan(grace);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    static Map<String, Object> service(String name) {
        return map(map(COMPOSE.get("services")).get(name));
    }

    /** A service's environment with the ${VAR:-default} defaults applied. */
    static Map<String, String> env(String service) {
        Map<String, String> env = new java.util.TreeMap<>();
        map(service(service).get("environment")).forEach((k, v) -> env.put(k, interpolate(String.valueOf(v))));
        return env;
    }

    static String interpolate(String value) {
        return VARIABLE.matcher(value).replaceAll(m -> Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    static Map<String, Object> load(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
