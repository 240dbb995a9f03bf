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
import io.smallrye.mutiny.Uni;

/**
 * What models the server offers, with what each server kind tells about them (loaded state, capabilities and the
 * context window history must fit in). Cached briefly: the list is read on every chat.
 */
@ApplicationScoped
public class ModelCatalog {

    /** One refresh: which server answered and its models, in its order. */
    public record Listing(ServerKind server, List<ModelInfo> models) {
    }

    private final LmStudioClient client;
    private final LmStudioConfig config;
    private final UpstreamErrors errors;
    private final ContextOverrides overrides;
    private final BreakerRecovery recovery;
    private volatile Snapshot cached;

    ModelCatalog(LmStudioClient client, LmStudioConfig config, UpstreamErrors errors, ContextOverrides overrides, BreakerRecovery recovery) {
        this.client = client;
        this.config = config;
        this.errors = errors;
        this.overrides = overrides;
        this.recovery = recovery;
    }

    private record Snapshot(Listing listing, long fetchedAtNanos) {
    }

    public Uni<List<ModelInfo>> models() {
        return listing().map(Listing::models);
    }

    /** The cached listing while it is fresh ({@code LM_STUDIO_MODELS_CACHE_TTL}), else a new one. */
    public Uni<Listing> listing() {
        Snapshot snapshot = cached;
        if (snapshot != null && System.nanoTime() - snapshot.fetchedAtNanos < config.modelsCacheTtl().toNanos()) {
            return Uni.createFrom().item(snapshot.listing);
        }
        return refresh();
    }

    public Uni<Listing> refresh() {
        return Uni.combine().all()
                .unis(client.listModels(), client.nativeModelsV1(), client.nativeModelsV0())
                .asTuple()
                .flatMap(answers -> details(answers.getItem1(), answers.getItem2(), answers.getItem3()))
                .invoke(listing -> {
                    cached = new Snapshot(listing, System.nanoTime());
                    recovery.serverAnswered();
                })
                .onFailure().transform(errors::translate);
    }

    /** Asks the server kind's own endpoints, when it has any, for what {@code /v1/models} does not say. */
    private Uni<Listing> details(JsonNode openAi, JsonNode v1, JsonNode v0) {
        List<String> ids = ModelListings.ids(openAi);
        ServerKind kind = ModelListings.kindOf(openAi, v1, v0);
        return switch (kind) {
            case LM_STUDIO, LM_STUDIO_LEGACY -> Uni.createFrom().item(listing(kind, ids, ModelListings.lmStudio(v1, v0)));
            case VLLM -> Uni.createFrom().item(listing(kind, ids, ModelListings.vllm(openAi)));
            // /props says the slot's context (when /v1/models does not) and whether the model sees images.
            case LLAMA_CPP -> client.llamaProps().map(props -> listing(kind, ids, ModelListings.llamaCpp(openAi, props)));
            case OLLAMA, OPENAI_COMPATIBLE -> client.ollamaRunning().flatMap(running -> running == null && kind != ServerKind.OLLAMA
                    ? Uni.createFrom().item(listing(ServerKind.OPENAI_COMPATIBLE, ids, Map.of()))
                    : ollama(ids, running));
        };
    }

    private Uni<Listing> ollama(List<String> ids, JsonNode running) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(listing(ServerKind.OLLAMA, ids, Map.of()));
        }
        List<Uni<JsonNode>> shows = ids.stream().map(client::ollamaShow).toList();
        return Uni.join().all(shows).andCollectFailures().map(answers -> {
            Map<String, JsonNode> shown = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                if (answers.get(i) != null) {
                    shown.put(ids.get(i), answers.get(i));
                }
            }
            return listing(ServerKind.OLLAMA, ids, ModelListings.ollama(ids, running, shown));
        });
    }

    private Listing listing(ServerKind kind, List<String> ids, Map<String, ModelInfo> details) {
        List<ModelInfo> models = new ArrayList<>();
        for (String id : ids) {
            ModelInfo model = details.getOrDefault(id, ModelInfo.bare(id));
            models.add(model.withContextLength(overrides.apply(id, model.effectiveContextLength())));
        }
        return new Listing(kind, List.copyOf(models));
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

    /** The kind of server the last listing came from, if there was one. */
    public Optional<ServerKind> serverKind() {
        Snapshot snapshot = cached;
        return snapshot == null ? Optional.empty() : Optional.of(snapshot.listing.server());
    }

    /**
     * Whether the model can be sent images: {@code LM_STUDIO_ASSUME_VISION}, else what the last listing said (LM Studio's
     * {@code capabilities.vision} or {@code type: vlm}, llama-server's {@code modalities.vision}).
     */
    public boolean sees(String model) {
        if (config.assumeVision()) {
            return true;
        }
        Snapshot snapshot = cached;
        if (snapshot == null) {
            return false;
        }
        List<ModelInfo> models = snapshot.listing.models();
        return models.stream().filter(m -> m.id().equals(model)).findFirst()
                .or(() -> snapshot.listing.server() == ServerKind.LLAMA_CPP && models.size() == 1 ? Optional.of(models.get(0))
                        : Optional.empty())
                .map(m -> Boolean.TRUE.equals(m.vision())).orElse(false);
    }

    /** How the model's weights are quantized, when the last listing said (LM Studio, Ollama). */
    public Optional<String> quantization(String model) {
        Snapshot snapshot = cached;
        if (snapshot == null || model == null) {
            return Optional.empty();
        }
        return snapshot.listing.models().stream().filter(m -> m.id().equals(model)).findFirst().map(ModelInfo::quantization);
    }

    /**
     * The context window of a model: the configured override, else what the last listing said. A model the server
     * does not list (llama-server answers to any name) gets the {@code *} override, else the only model's window.
     */
    public Optional<Integer> contextLength(String model) {
        Optional<Integer> exact = overrides.exact(model);
        Snapshot snapshot = cached;
        if (exact.isPresent() || snapshot == null) {
            return exact.or(() -> Optional.ofNullable(overrides.apply(model, null)));
        }
        List<ModelInfo> models = snapshot.listing.models();
        return models.stream().filter(m -> m.id().equals(model)).findFirst().map(ModelInfo::contextLength)
                .or(() -> snapshot.listing.server() == ServerKind.LLAMA_CPP && models.size() == 1
                        ? Optional.ofNullable(models.get(0).contextLength()) : Optional.empty())
                .or(() -> Optional.ofNullable(overrides.apply(model, null)));
    }
}
