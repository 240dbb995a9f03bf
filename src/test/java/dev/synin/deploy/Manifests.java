package dev.synin.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The Kubernetes manifests under k8s/ as typed fabric8 objects, one per YAML document, with where each came from.
 * Kustomization files are kept apart as plain maps: they are kustomize's input, not Kubernetes objects.
 */
final class Manifests {

    static final Path ROOT = Path.of("k8s");
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** One YAML document: its file, its raw tree and its typed object. */
    record Doc(Path file, Map<String, Object> raw, HasMetadata object) {

        boolean in(String folder) {
            return file.startsWith(ROOT.resolve(folder));
        }

        @Override
        public String toString() {
            return file + " " + object.getKind() + "/" + object.getMetadata().getName();
        }
    }

    private Manifests() {
    }

    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isKustomization(Path file) {
        return file.getFileName().toString().startsWith("kustomization.");
    }

    /** Every Kubernetes object under k8s/ (base resources, overlay resources and overlay patches). */
    static List<Doc> all() {
        List<Doc> docs = new ArrayList<>();
        for (Path file : yamlFiles()) {
            if (!isKustomization(file)) {
                documents(file).forEach(raw -> docs.add(new Doc(file, raw, typed(raw, file))));
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) {
        try {
            List<Map<String, Object>> docs = new ArrayList<>();
            for (Object doc : new Yaml().loadAll(Files.readString(file))) {
                if (doc != null) {
                    docs.add((Map<String, Object>) doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Doc> parse(String yaml, Path origin) {
        List<Doc> docs = new ArrayList<>();
        for (Object raw : new Yaml().loadAll(yaml)) {
            if (raw != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) raw;
                docs.add(new Doc(origin, map, typed(map, origin)));
            }
        }
        return docs;
    }

    private static HasMetadata typed(Map<String, Object> raw, Path file) {
        KubernetesResource resource = SERIALIZATION.convertValue(raw, KubernetesResource.class);
        if (!(resource instanceof HasMetadata object)) {
            throw new AssertionError(file + ": not a Kubernetes object: " + raw.get("kind"));
        }
        return object;
    }

    /**
     * Fields the model does not know land in fabric8's additionalProperties (a typo such as {@code readinesProbe},
     * or a value of the wrong type). Returns the path of each, walking every fabric8 model object.
     */
    static List<String> unknownFields(Object node, String path) {
        List<String> found = new ArrayList<>();
        if (node == null || node instanceof GenericKubernetesResource) {
            return found;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                found.addAll(unknownFields(item, path + "[" + i++ + "]"));
            }
            return found;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> found.addAll(unknownFields(v, path + "." + k)));
            return found;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return found;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() == 0 && !Modifier.isStatic(getter.getModifiers())
                    && getter.getName().startsWith("get") && getter.getDeclaringClass() != Object.class) {
                Object value = invoke(getter, node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        found.add(path + " " + extra.keySet());
                    }
                } else {
                    found.addAll(unknownFields(value, path + "." + getter.getName().substring(3)));
                }
            }
        }
        return found;
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(getter + " on " + target.getClass(), e);
        }
    }
}
