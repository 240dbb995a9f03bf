package dev.synin.lmstudio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * Loads and ejects models on LM Studio 0.4+. A model that is already loaded is never loaded again (LM Studio would
 * start a second instance), and two loads of the same model at once share one request.
 */
@ApplicationScoped
public class ModelManager {

    @RegisterForReflection
    public record Loaded(String model, String instanceId, Integer contextLength, Double loadTimeSeconds, boolean alreadyLoaded) {
    }

    @RegisterForReflection
    public record Ejected(String model, List<String> instanceIds) {
    }

    private final LmStudioClient client;
    private final ModelCatalog catalog;
    private final Map<String, Uni<Loaded>> loading = new ConcurrentHashMap<>();

    ModelManager(LmStudioClient client, ModelCatalog catalog) {
        this.client = client;
        this.catalog = catalog;
    }

    public Uni<Loaded> load(String model, Integer contextLength, Integer ttlSeconds) {
        return manageable(model).flatMap(found -> {
            if (found.isLoaded()) {
                if (contextLength != null && !contextLength.equals(found.loadedContextLength())) {
                    throw new ApiException(ErrorCode.CONFLICT, model + " is already loaded with a context of " + found.loadedContextLength()
                            + " tokens. Eject it first to load it with " + contextLength + ".");
                }
                return Uni.createFrom().item(new Loaded(model, found.instanceIds().isEmpty() ? model : found.instanceIds().get(0),
                        found.loadedContextLength(), null, true));
            }
            if (contextLength != null && found.maxContextLength() != null && contextLength > found.maxContextLength()) {
                throw ApiException.badRequest(model + " supports at most " + found.maxContextLength() + " tokens of context.");
            }
            return loading.computeIfAbsent(model, key -> client.loadModel(model, contextLength, ttlSeconds)
                    .map(answer -> loaded(model, answer))
                    .invoke(done -> Log.infof("Loaded %s (context %s) in %s s.", model, done.contextLength(), done.loadTimeSeconds()))
                    .onTermination().invoke(() -> loading.remove(model))
                    .memoize().indefinitely())
                    // The catalog is read again so that the picker and the trimming see the new instance's context.
                    .call(ignored -> catalog.refresh().onFailure().recoverWithNull());
        });
    }

    /** Ejects {@code instanceId}, or every loaded instance of {@code model} when it is {@code null}. */
    public Uni<Ejected> eject(String model, String instanceId) {
        return manageable(model).flatMap(found -> {
            List<String> targets = instanceId != null ? List.of(instanceId) : found.instanceIds();
            if (instanceId != null && !found.instanceIds().contains(instanceId)) {
                throw ApiException.notFound(model + " has no loaded instance " + instanceId + ".");
            }
            if (targets.isEmpty()) {
                return Uni.createFrom().item(new Ejected(model, List.of()));
            }
            List<Uni<JsonNode>> unloads = new ArrayList<>();
            targets.forEach(target -> unloads.add(client.unloadModel(target)));
            return Uni.join().all(unloads).andFailFast()
                    .call(ignored -> catalog.refresh().onFailure().recoverWithNull())
                    .map(ignored -> new Ejected(model, List.copyOf(targets)));
        });
    }

    /** The model as LM Studio lists it right now; other servers cannot load or eject from here. */
    private Uni<ModelInfo> manageable(String model) {
        return catalog.refresh().map(listing -> {
            if (listing.server() != ServerKind.LM_STUDIO) {
                throw ApiException.badRequest("Loading and ejecting models needs LM Studio 0.4 or later; this server is "
                        + listing.server().wire() + ". Load models with the server's own tools.");
            }
            return listing.models().stream().filter(m -> m.id().equals(model)).findFirst()
                    .orElseThrow(() -> new ApiException(ErrorCode.MODEL_NOT_FOUND, "LM Studio has no model " + model + "."));
        });
    }

    private static Loaded loaded(String model, JsonNode answer) {
        JsonNode config = answer.path("config").isObject() ? answer.path("config") : answer.path("load_config");
        JsonNode seconds = answer.path("load_time_seconds");
        return new Loaded(model, answer.path("model_instance_id").asText(answer.path("instance_id").asText(model)),
                ModelListings.integer(config.path("context_length")), seconds.isNumber() ? seconds.asDouble() : null, false);
    }
}
