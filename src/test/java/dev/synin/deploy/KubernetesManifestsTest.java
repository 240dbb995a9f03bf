package dev.synin.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synin.deploy.AppEnvVars.Kind;
import dev.synin.deploy.Manifests.Doc;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySizeConverter;

/**
 * Parses every manifest under k8s/ into typed fabric8 objects and checks them against what Synin really serves
 * (ports, SmallRye Health paths) and reads (its config mappings, application.properties and the Quarkus extensions'
 * run-time properties). Plain JUnit: no Quarkus boot, so it runs in a second.
 */
class KubernetesManifestsTest {

    static final int HTTP_PORT = 8080;
    static final int MANAGEMENT_PORT = 9000;
    static final List<Doc> DOCS = Manifests.all();

    @Test
    void everyManifestIsATypedKubernetesObjectWithNoUnknownField() {
        assertThat(DOCS).hasSizeGreaterThan(10);
        assertAll(DOCS.stream().map(doc -> () -> {
            if (doc.object() instanceof GenericKubernetesResource generic) {
                assertThat(generic.getApiVersion() + " " + generic.getKind()).as("untyped: %s", doc)
                        .isEqualTo("postgresql.cnpg.io/v1 Cluster");
            }
            assertThat(Manifests.unknownFields(doc.object(), doc.toString())).as("fields the model does not know")
                    .isEmpty();
        }));
    }

    @Test
    void theUnknownFieldCheckCatchesATypo() {
        String typo = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                        - name: x
                          readinesProbe: {httpGet: {path: /q/health/ready, port: 8080}}
                """;
        Doc doc = Manifests.parse(typo, Path.of("inline")).get(0);
        assertThat(Manifests.unknownFields(doc.object(), "inline")).singleElement().asString().contains("readinesProbe");
    }

    @Test
    void everyKustomizationNamesFilesThatExist() {
        List<Path> kustomizations = Manifests.yamlFiles().stream().filter(Manifests::isKustomization).toList();
        assertThat(kustomizations).hasSize(3);
        assertAll(kustomizations.stream().map(file -> () -> {
            Map<String, Object> k = Manifests.documents(file).get(0);
            List<String> refs = new ArrayList<>(strings(k.get("resources")));
            list(k.get("patches")).forEach(p -> refs.add((String) ((Map<?, ?>) p).get("path")));
            list(k.get("secretGenerator")).forEach(g -> refs.addAll(strings(((Map<?, ?>) g).get("envs")).stream()
                    .map(env -> env.equals("secrets.env") ? "secrets.env.example" : env).toList()));
            assertThat(refs).as(file.toString()).isNotEmpty()
                    .allSatisfy(ref -> assertThat(file.resolveSibling(ref)).as("%s -> %s", file, ref).exists());
        }));
    }

    @Test
    void baseHasEveryKindSyninNeeds() {
        assertThat(base().map(d -> d.object().getApiVersion() + " " + d.object().getKind()).toList()).contains(
                "apps/v1 Deployment", "v1 Service", "networking.k8s.io/v1 Ingress", "v1 ConfigMap", "v1 Secret",
                "autoscaling/v2 HorizontalPodAutoscaler", "policy/v1 PodDisruptionBudget",
                "networking.k8s.io/v1 NetworkPolicy");
    }

    @Test
    void probesAskSmallRyeHealthOnTheManagementPort() {
        var app = AppConfig.applicationProperties();
        assertThat(app.getProperty("quarkus.http.port", "8080")).isEqualTo(String.valueOf(HTTP_PORT));
        assertThat(app.getProperty("quarkus.management.enabled")).as("/q/health/* off the public port").isEqualTo("true");
        assertThat(app.getProperty("quarkus.management.port", "9000")).isEqualTo(String.valueOf(MANAGEMENT_PORT));
        assertThat(app.stringPropertyNames()).as("/q/health/* moves if these are set")
                .doesNotContain("quarkus.http.non-application-root-path", "quarkus.smallrye-health.root-path",
                        "quarkus.http.root-path", "quarkus.management.root-path");
        assertThat(AppConfig.class.getClassLoader().getResource("io/smallrye/health/SmallRyeHealthReporter.class"))
                .as("quarkus-smallrye-health serves the probes").isNotNull();

        Container synin = syninContainer(deployment());
        assertThat(containerPort(synin, "http")).isEqualTo(HTTP_PORT);
        assertThat(containerPort(synin, "management")).isEqualTo(MANAGEMENT_PORT);
        assertProbe(synin, synin.getStartupProbe(), "/q/health/started");
        assertProbe(synin, synin.getReadinessProbe(), "/q/health/ready");
        assertProbe(synin, synin.getLivenessProbe(), "/q/health/live");
        // an overlay patch must not move a probe either
        of(Deployment.class).map(Doc::object).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals("synin"))
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
                .forEach(c -> Stream.of(c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe())
                        .filter(p -> p != null)
                        .forEach(p -> assertThat(p.getHttpGet().getPath()).startsWith("/q/health/")));
    }

    private static void assertProbe(Container container, Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(resolve(container, probe.getHttpGet().getPort())).as("port of " + path).isEqualTo(MANAGEMENT_PORT);
    }

    @Test
    void serviceSendsTrafficToTheContainerPort() {
        Service service = (Service) only(base(), Service.class, "synin");
        Deployment deployment = deployment();
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(resolve(syninContainer(deployment), p.getTargetPort())).isEqualTo(HTTP_PORT));
    }

    @Test
    void ingressRoutesToTheServiceUnbufferedForAnHour() {
        Service service = (Service) only(base(), Service.class, "synin");
        String maxBody = configMap().getData().get("SYNIN_MAX_BODY_SIZE");
        assertAll(of(Ingress.class).map(doc -> () -> {
            Ingress ingress = (Ingress) doc.object();
            var rules = ingress.getSpec().getRules();
            assertThat(rules).as(doc.toString()).isNotEmpty();
            rules.stream().flatMap(r -> r.getHttp().getPaths().stream()).forEach(path -> {
                var backend = path.getBackend().getService();
                assertThat(backend.getName()).isEqualTo(service.getMetadata().getName());
                assertThat(service.getSpec().getPorts()).anySatisfy(p -> assertThat(
                        backend.getPort().getName() != null ? p.getName().equals(backend.getPort().getName())
                                : p.getPort().equals(backend.getPort().getNumber())).isTrue());
            });
            Set<String> tlsHosts = ingress.getSpec().getTls().stream().flatMap(t -> t.getHosts().stream())
                    .collect(Collectors.toSet());
            assertThat(tlsHosts).as("TLS for every host").containsAll(rules.stream().map(r -> r.getHost()).toList());
        }));
        Map<String, String> annotations = ((Ingress) only(base(), Ingress.class, "synin")).getMetadata().getAnnotations();
        String nginx = "nginx.ingress.kubernetes.io/";
        assertThat(annotations).containsEntry(nginx + "proxy-buffering", "off");
        assertThat(Integer.parseInt(annotations.get(nginx + "proxy-read-timeout"))).isGreaterThanOrEqualTo(3600);
        assertThat(Integer.parseInt(annotations.get(nginx + "proxy-send-timeout"))).isGreaterThanOrEqualTo(3600);
        assertThat(nginxSize(annotations.get(nginx + "proxy-body-size")))
                .as("the ingress lets through what SYNIN_MAX_BODY_SIZE allows")
                .isEqualTo(new MemorySizeConverter().convert(maxBody).asLongValue());
    }

    @Test
    void configMapAndSecretHoldEveryEnvVarAndNothingElse() {
        Deployment deployment = deployment();
        Container synin = syninContainer(deployment);
        assertThat(synin.getEnvFrom()).extracting(e -> e.getConfigMapRef() != null ? e.getConfigMapRef().getName()
                : e.getSecretRef().getName()).containsExactlyInAnyOrder("synin-config", "synin-secrets");
        Set<String> settings = configMap().getData().keySet();
        Secret secret = (Secret) only(base(), Secret.class, "synin-secrets");
        Set<String> secrets = secret.getStringData().keySet();
        Set<String> direct = synin.getEnv().stream().map(e -> e.getName()).collect(Collectors.toSet());
        assertAll(
                () -> assertThat(settings).as("ConfigMap synin-config")
                        .containsExactlyInAnyOrderElementsOf(AppEnvVars.names(Kind.SETTING)),
                () -> assertThat(secrets).as("Secret synin-secrets")
                        .containsExactlyInAnyOrderElementsOf(AppEnvVars.names(Kind.SECRET)),
                () -> assertThat(direct).as("env of the synin container")
                        .containsExactlyInAnyOrderElementsOf(AppEnvVars.names(Kind.DATABASE_LOGIN)),
                () -> assertThat(secret.getData()).as("secrets only as stringData").isNullOrEmpty(),
                () -> assertThat(prodSecretsEnvExample()).as("k8s/overlays/prod/secrets.env.example")
                        .containsExactlyInAnyOrderElementsOf(AppEnvVars.names(Kind.SECRET)));
    }

    @Test
    void everyEnvVarIsOneTheAppReads() {
        Map<String, String> synin = AppConfig.syninProperties();
        Map<String, AppConfig.QuarkusProperty> quarkus = AppConfig.quarkusProperties();
        assertAll(AppEnvVars.ALL.stream().map(v -> () -> {
            Optional<String> readAs = readAs(v.name(), synin, quarkus);
            if (v.isPlanned()) {
                assertThat(readAs).as("%s is read by the application now (as %s): remove its planned(\"%s\") in"
                        + " AppEnvVars", v.name(), readAs.orElse(""), v.plannedBecause()).isEmpty();
            } else {
                assertThat(readAs).as("%s is set by the deployment but no config mapping, application.properties key"
                        + " or run-time Quarkus property of the application reads it", v.name()).isPresent();
            }
        }));
    }

    @Test
    void theCatalogOfWhatTheAppReadsTellsKnownFromUnknown() {
        Map<String, String> synin = AppConfig.syninProperties();
        Map<String, AppConfig.QuarkusProperty> quarkus = AppConfig.quarkusProperties();
        assertThat(synin).containsEntry("LM_STUDIO_MODELS_CACHE_TTL", "lm-studio.models-cache-ttl")
                .containsEntry("SYNIN_MAX_BODY_SIZE", "synin.max-body-size").doesNotContainKey("LM_STUDIO_BOGUS");
        assertThat(readAs("QUARKUS_HTTP_PORT", synin, quarkus)).contains("quarkus.http.port");
        assertThat(readAs("QUARKUS_HTTP_BOGUS", synin, quarkus)).isEmpty();
        assertThat(readAs("QUARKUS_HTTP_NON_APPLICATION_ROOT_PATH", synin, quarkus)).as("build-time only").isEmpty();
    }

    /** The property an env var sets, if the application reads it at run time. */
    private static Optional<String> readAs(String env, Map<String, String> synin,
            Map<String, AppConfig.QuarkusProperty> quarkus) {
        if (synin.containsKey(env)) {
            return Optional.of(synin.get(env));
        }
        AppConfig.QuarkusProperty property = quarkus.get(env);
        return property != null && property.phase().equals("RUN_TIME") && !property.deprecated()
                ? Optional.of(property.property())
                : Optional.empty();
    }

    @Test
    void everySettingOfSyninHasAnEnvVar() {
        Map<String, String> missing = new java.util.TreeMap<>(AppConfig.syninProperties());
        missing.keySet().removeAll(AppEnvVars.BY_NAME.keySet());
        assertThat(missing).as("settings Synin reads (env name=property) that the deployment does not set: add each"
                + " to AppEnvVars, k8s/base/configmap.yaml or secret.yaml, and docker/compose.yaml").isEmpty();
    }

    @Test
    void databaseLoginComesFromTheCloudNativePgCluster() {
        List<GenericKubernetesResource> clusters = of(GenericKubernetesResource.class)
                .map(d -> (GenericKubernetesResource) d.object()).toList();
        assertThat(clusters).hasSize(2);
        Container synin = syninContainer(deployment());
        URI jdbc = URI.create(configMap().getData().get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
        NetworkPolicy policy = (NetworkPolicy) only(base(), NetworkPolicy.class, "synin");
        assertAll(clusters.stream().map(cluster -> () -> {
            String name = cluster.getMetadata().getName();
            for (String key : List.of("username", "password")) {
                EnvVarSource source = synin.getEnv().stream()
                        .filter(e -> e.getName().equals("QUARKUS_DATASOURCE_" + key.toUpperCase())).findFirst()
                        .orElseThrow().getValueFrom();
                assertThat(source.getSecretKeyRef().getName()).isEqualTo(name + "-app");
                assertThat(source.getSecretKeyRef().getKey()).isEqualTo(key);
            }
            assertThat(jdbc.getHost()).isEqualTo(name + "-rw");
            assertThat(jdbc.getPath()).isEqualTo("/" + cluster.get("spec", "bootstrap", "initdb", "database"));
            assertThat(policy.getSpec().getEgress()).anySatisfy(rule -> assertThat(rule.getTo())
                    .anySatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                            .containsEntry("cnpg.io/cluster", name)));
        }));
    }

    @Test
    void postgresHasOneInstanceInDevAndThreeInProd() {
        assertThat(clusterInstances("overlays/dev")).isEqualTo(1);
        assertThat(clusterInstances("overlays/prod")).isEqualTo(3);
    }

    private static Object clusterInstances(String overlay) {
        return ((GenericKubernetesResource) DOCS.stream().filter(d -> d.in(overlay))
                .filter(d -> d.object() instanceof GenericKubernetesResource).findFirst().orElseThrow().object())
                .get("spec", "instances");
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyFilesystem() {
        assertAll(base().filter(d -> d.object() instanceof Deployment).map(doc -> () -> {
            var pod = ((Deployment) doc.object()).getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(doc.toString()).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            for (Container c : pod.getContainers()) {
                var security = c.getSecurityContext();
                assertThat(security.getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
                assertThat(security.getRunAsNonRoot()).as(c.getName()).isTrue();
                assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(c.getName()).containsKeys("cpu", "memory");
            }
        }));
        var pod = deployment().getSpec().getTemplate().getSpec();
        String tmp = syninContainer(deployment()).getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElseThrow().getName();
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo(tmp);
            assertThat(v.getEmptyDir()).isNotNull();
        });
    }

    @Test
    void shutdownLetsStreamsDrainWithinTheGracePeriod() {
        Deployment deployment = deployment();
        long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        long preStop = syninContainer(deployment).getLifecycle().getPreStop().getSleep().getSeconds();
        Duration shutdown = DurationConverter.parseDuration(configMap().getData().get("SYNIN_SHUTDOWN_GRACE"));
        assertThat(preStop).as("time for the endpoint removal to reach the ingress").isGreaterThanOrEqualTo(5);
        assertThat(shutdown.getSeconds()).as("time for streams in flight").isGreaterThanOrEqualTo(30);
        assertThat(preStop + shutdown.getSeconds()).as("preStop + SYNIN_SHUTDOWN_GRACE").isLessThan(grace);
    }

    @Test
    void replicasShareRateLimitsThroughRedis() {
        Map<String, String> settings = configMap().getData();
        assertThat(settings).containsEntry("SYNIN_RATE_LIMIT_STORE", "redis");
        Service redis = (Service) only(base(), Service.class, "synin-redis");
        URI hosts = URI.create(settings.get("QUARKUS_REDIS_HOSTS"));
        assertThat(hosts.getHost()).isEqualTo(redis.getMetadata().getName());
        assertThat(redis.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(hosts.getPort());
    }

    @Test
    void replicasAutoscalingAndDisruptionBudgetKeepTwoPodsServing() {
        Deployment deployment = deployment();
        int replicas = deployment.getSpec().getReplicas();
        assertThat(replicas).isGreaterThanOrEqualTo(2);
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        var hpa = (HorizontalPodAutoscaler) only(base(), HorizontalPodAutoscaler.class, "synin");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("synin");
        assertThat(hpa.getSpec().getMinReplicas()).isBetween(2, hpa.getSpec().getMaxReplicas());
        var pdb = (PodDisruptionBudget) only(base(), PodDisruptionBudget.class, "synin");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).as("a drain must be able to evict one")
                .isPositive().isLessThan(replicas);
        Deployment prod = (Deployment) DOCS.stream().filter(d -> d.in("overlays/prod"))
                .filter(d -> d.object() instanceof Deployment).findFirst().orElseThrow().object();
        assertThat(prod.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void networkPolicyLetsInOnlyTheIngressControllerAndOutOnlyWhatSyninUses() {
        NetworkPolicy policy = (NetworkPolicy) only(base(), NetworkPolicy.class, "synin");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(deployment().getSpec().getSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(
                    peer.getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", "ingress-nginx")));
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(HTTP_PORT);
        });
        URI lmStudio = URI.create(configMap().getData().get("LM_STUDIO_BASE_URL"));
        Set<String> egress = policy.getSpec().getEgress().stream().flatMap(r -> r.getPorts().stream())
                .map(KubernetesManifestsTest::portKey).collect(Collectors.toCollection(TreeSet::new));
        assertThat(egress).containsExactlyInAnyOrder("53/UDP", "53/TCP", "5432/TCP", "6379/TCP",
                lmStudio.getPort() + "/TCP");
        assertThat(policy.getSpec().getEgress()).as("LM Studio's host %s", lmStudio.getHost()).anySatisfy(rule -> {
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).contains(lmStudio.getPort());
            assertThat(rule.getTo()).anySatisfy(peer -> assertThat(peer.getIpBlock().getCidr())
                    .isEqualTo(lmStudio.getHost() + "/32"));
        });
    }

    private static String portKey(NetworkPolicyPort port) {
        return port.getPort().getIntVal() + "/" + port.getProtocol();
    }

    /** Renders both overlays with kubectl's built-in kustomize where kubectl exists (docker/validate.sh too). */
    @Test
    void renderedOverlaysAreConsistent(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(kubectlPresent(), "kubectl is not installed: overlays not rendered");
        copyTree(Manifests.ROOT, tmp.resolve("k8s"));
        Path prod = tmp.resolve("k8s/overlays/prod");
        Files.copy(prod.resolve("secrets.env.example"), prod.resolve("secrets.env"));
        for (String overlay : List.of("dev", "prod")) {
            List<Doc> rendered = Manifests.parse(kubectl("kustomize", tmp.resolve("k8s/overlays/" + overlay)),
                    Path.of("rendered-" + overlay));
            String namespace = overlay.equals("prod") ? "synin" : "synin-dev";
            Set<String> names = new HashSet<>();
            for (Doc doc : rendered) {
                assertThat(Manifests.unknownFields(doc.object(), doc.toString())).isEmpty();
                if (!doc.object().getKind().equals("Namespace")) {
                    assertThat(doc.object().getMetadata().getNamespace()).as(doc.toString()).isEqualTo(namespace);
                }
                names.add(doc.object().getKind() + "/" + doc.object().getMetadata().getName());
            }
            Container synin = rendered.stream().filter(d -> d.object() instanceof Deployment)
                    .map(d -> (Deployment) d.object()).filter(d -> d.getMetadata().getName().equals("synin"))
                    .map(KubernetesManifestsTest::syninContainer).findFirst().orElseThrow();
            assertThat(synin.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            synin.getEnvFrom().forEach(e -> assertThat(names).contains(e.getConfigMapRef() != null
                    ? "ConfigMap/" + e.getConfigMapRef().getName() : "Secret/" + e.getSecretRef().getName()));
            assertThat(names).contains("Cluster/synin-db", "Namespace/" + namespace);
        }
    }

    private static boolean kubectlPresent() {
        try {
            return new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start()
                    .waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String kubectl(String command, Path dir) throws Exception {
        Process process = new ProcessBuilder("kubectl", command, dir.toString()).start();
        String out = new String(process.getInputStream().readAllBytes());
        String err = new String(process.getErrorStream().readAllBytes());
        assertThat(process.waitFor()).as("kubectl %s %s: %s", command, dir, err).isZero();
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    static Stream<Doc> base() {
        return DOCS.stream().filter(d -> d.in("base"));
    }

    static Stream<Doc> of(Class<? extends HasMetadata> type) {
        return DOCS.stream().filter(d -> type.isInstance(d.object()));
    }

    static HasMetadata only(Stream<Doc> docs, Class<? extends HasMetadata> type, String name) {
        List<HasMetadata> found = docs.map(Doc::object).filter(type::isInstance)
                .filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertThat(found).as("%s %s", type.getSimpleName(), name).hasSize(1);
        return found.get(0);
    }

    static Deployment deployment() {
        return (Deployment) only(base(), Deployment.class, "synin");
    }

    static ConfigMap configMap() {
        return (ConfigMap) only(base(), ConfigMap.class, "synin-config");
    }

    static Container syninContainer(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("synin")).findFirst().orElseThrow();
    }

    static int containerPort(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst().orElseThrow()
                .getContainerPort();
    }

    /** A port given as a number or as the name of a container port. */
    static int resolve(Container container, IntOrString port) {
        return port.getIntVal() != null ? port.getIntVal() : containerPort(container, port.getStrVal());
    }

    /** nginx sizes: 1m is 1 MiB. */
    static long nginxSize(String size) {
        String s = size.toLowerCase();
        long unit = s.endsWith("k") ? 1L << 10 : s.endsWith("m") ? 1L << 20 : s.endsWith("g") ? 1L << 30 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    static Set<String> prodSecretsEnvExample() {
        try {
            return Files.readAllLines(Manifests.ROOT.resolve("overlays/prod/secrets.env.example")).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.substring(0, l.indexOf('=')))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }

    static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }
}
