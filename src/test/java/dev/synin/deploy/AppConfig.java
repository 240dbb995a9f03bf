package dev.synin.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.synin.lmstudio.LmStudioConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * What the application really reads, found from its code rather than written down a second time: the properties of
 * every {@code @ConfigMapping} interface in the compiled main classes, the keys of application.properties, and the
 * run-time properties of the Quarkus extensions on the classpath (from the config model each extension ships in
 * META-INF/quarkus-config-doc/). Everything is keyed by its environment variable name.
 */
final class AppConfig {

    /** A Quarkus property as its extension documents it. */
    record QuarkusProperty(String property, String phase, boolean deprecated) {
    }

    private AppConfig() {
    }

    /** MicroProfile Config's rule: upper case, every non-alphanumeric character an underscore. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static Properties applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Env name to property, for Synin's own settings: {@code lm-studio.*} and {@code synin.*}. */
    static Map<String, String> syninProperties() {
        Map<String, String> byEnv = new TreeMap<>();
        for (String key : applicationProperties().stringPropertyNames()) {
            String property = key.replaceFirst("^%[^.]+\\.", "");
            if (!property.startsWith("quarkus.")) {
                byEnv.put(envName(property), property);
            }
        }
        configMappings().forEach(mapping -> {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            collect(mapping, prefix, byEnv);
        });
        // Secrets read verbatim, outside any mapping.
        for (String secret : new String[] { dev.synin.security.AuthSecrets.ACCESS_TOKEN, dev.synin.security.AuthSecrets.ADMIN_PASSWORD,
                dev.synin.security.AuthSecrets.OIDC_CLIENT_SECRET }) {
            byEnv.put(envName(secret), secret);
        }
        // A property whose value is "${SOME_ENV:default}" is set by that env var (its documented name).
        Properties properties = applicationProperties();
        for (String key : properties.stringPropertyNames()) {
            java.util.regex.Matcher alias = java.util.regex.Pattern.compile("^\\$\\{([A-Z0-9_]+)(:.*)?}$")
                    .matcher(properties.getProperty(key).strip());
            String property = key.replaceFirst("^%[^.]+\\.", "");
            if (alias.matches() && !property.startsWith("quarkus.")) {
                byEnv.remove(envName(property));
                byEnv.put(alias.group(1), property);
            }
        }
        return byEnv;
    }

    private static void collect(Class<?> group, String prefix, Map<String, String> byEnv) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String name = method.isAnnotationPresent(WithParentName.class) ? ""
                    : method.isAnnotationPresent(WithName.class) ? method.getAnnotation(WithName.class).value()
                            : kebab(method.getName());
            String property = name.isEmpty() ? prefix : prefix + "." + name;
            Class<?> type = valueType(method.getGenericReturnType());
            if (Map.class.isAssignableFrom(type)) {
                continue; // named entries (a.b."name".c): no fixed env name to demand
            }
            if (type.isInterface() && !type.getName().startsWith("java.")) {
                collect(type, property, byEnv);
            } else {
                byEnv.put(envName(property), property);
            }
        }
    }

    private static Class<?> valueType(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            return valueType(parameterized.getActualTypeArguments()[0]);
        }
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }

    /** SmallRye's default naming: {@code modelsCacheTtl} is {@code models-cache-ttl}. */
    static String kebab(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Every {@code @ConfigMapping} interface among the compiled main classes (where LmStudioConfig is). */
    static Stream<Class<?>> configMappings() {
        Path classes;
        try {
            classes = Path.of(LmStudioConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(classes::relativize).map(Path::toString)
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .<Class<?>> map(AppConfig::load)
                    .filter(c -> c != null && c.isInterface() && c.isAnnotationPresent(ConfigMapping.class))
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, AppConfig.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Env name to property, for every property the Quarkus extensions on the classpath document. */
    static Map<String, QuarkusProperty> quarkusProperties() {
        Map<String, QuarkusProperty> byEnv = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL model : Collections.list(AppConfig.class.getClassLoader()
                    .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
                try (InputStream in = model.openStream()) {
                    json.readTree(in).findParents("path").forEach(node -> {
                        JsonNode env = node.path("path").path("environmentVariable");
                        if (env.isTextual()) {
                            byEnv.put(env.asText(), new QuarkusProperty(node.path("path").path("property").asText(),
                                    node.path("phase").asText(), node.has("deprecation")));
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byEnv;
    }
}
