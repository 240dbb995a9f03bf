package dev.synin.lmstudio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import dev.synin.lmstudio.dto.ModelList;
import io.smallrye.mutiny.Uni;

/**
 * What models the server offers, enriched with LM Studio's details (type, loaded state, context length) when the
 * server is LM Studio. Cached briefly: the list is read on every chat that does not name a model.
 */
@ApplicationScoped
public class ModelCatalog {

    private final LmStudioClient client;
    private final LmStudioConfig config;
    private final UpstreamErrors errors;
    private volatile Snapshot cached;

    ModelCatalog(LmStudioClient client, LmStudioConfig config, UpstreamErrors errors) {
        this.client = client;
        this.config = config;
        this.errors = errors;
    }

    private record Snapshot(List<ModelInfo> models, long fetchedAtNanos) {
    }

    public Uni<List<ModelInfo>> models() {
        Snapshot snapshot = cached;
        if (snapshot != null && System.nanoTime() - snapshot.fetchedAtNanos < config.modelsCacheTtl().toNanos()) {
            return Uni.createFrom().item(snapshot.models);
        }
        return refresh();
    }

    public Uni<List<ModelInfo>> refresh() {
        return Uni.combine().all()
                .unis(client.listModels(), client.nativeModelsV1(), client.nativeModelsV0())
                .with((ids, v1, v0) -> merge(ids, v1, v0))
                .invoke(models -> cached = new Snapshot(models, System.nanoTime()))
                // An open circuit breaker is thrown outside the guarded call: it needs translating here.
                .onFailure().transform(errors::translate);
    }

    /** The model to use when the request and the conversation name none. */
    public Uni<String> defaultModel() {
        if (config.defaultModel().filter(m -> !m.isBlank()).isPresent()) {
            return Uni.createFrom().item(config.defaultModel().get());
        }
        return models().map(models -> models.stream().filter(m -> !m.isEmbedding() && m.isLoaded()).findFirst()
                .or(() -> models.stream().filter(m -> !m.isEmbedding()).findFirst())
                .or(() -> models.stream().findFirst())
                .map(ModelInfo::id)
                .orElseThrow(() -> new ApiException(ErrorCode.MODEL_NOT_FOUND,
                        "LM Studio at " + config.baseUrl() + " lists no models. Download one and load it (`lms load <model>`).")));
    }

    /** The context window of a model, when the last listing knew it. */
    public Optional<Integer> contextLength(String model) {
        Snapshot snapshot = cached;
        if (snapshot == null) {
            return Optional.empty();
        }
        return snapshot.models.stream().filter(m -> m.id().equals(model)).findFirst()
                .map(ModelInfo::effectiveContextLength);
    }

    static List<ModelInfo> merge(List<ModelList.Entry> ids, JsonNode v1, JsonNode v0) {
        Map<String, ModelInfo> details = new HashMap<>();
        if (v0 != null && v0.path("data").isArray()) {
            for (JsonNode m : v0.path("data")) {
                String id = m.path("id").asText(null);
                if (id != null) {
                    details.put(id, new ModelInfo(id, text(m, "type"), text(m, "state"), integer(m.path("max_context_length")), null, null));
                }
            }
        }
        // The v1 API is newer and knows the loaded instance's real context length, so it wins over v0.
        if (v1 != null && v1.path("models").isArray()) {
            for (JsonNode m : v1.path("models")) {
                String id = m.path("key").asText(m.path("id").asText(null));
                if (id == null) {
                    continue;
                }
                JsonNode instances = m.path("loaded_instances");
                boolean loaded = instances.isArray() && !instances.isEmpty();
                Integer loadedContext = loaded ? integer(instances.get(0).path("config").path("context_length")) : null;
                JsonNode vision = m.path("capabilities").path("vision");
                details.put(id, new ModelInfo(id, text(m, "type"), loaded ? "loaded" : "not-loaded",
                        integer(m.path("max_context_length")), loadedContext, vision.isBoolean() ? vision.asBoolean() : null));
            }
        }
        List<ModelInfo> models = new ArrayList<>();
        for (ModelList.Entry entry : ids) {
            if (entry.id() != null) {
                models.add(details.getOrDefault(entry.id(), ModelInfo.bare(entry.id())));
            }
        }
        return List.copyOf(models);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Integer integer(JsonNode value) {
        return value.canConvertToInt() && value.isNumber() ? value.asInt() : null;
    }
}
