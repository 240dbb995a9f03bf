package dev.synin.lmstudio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads each server's own way of saying what a model is and how large its context window is. Pure functions over
 * loose JSON: a field a server does not send is simply not known.
 */
final class ModelListings {

    private ModelListings() {
    }

    /** What the answers of one refresh say about the server. {@code ollamaRunning} is only asked for when nothing else fits. */
    static ServerKind kindOf(JsonNode openAi, JsonNode v1, JsonNode v0) {
        if (v1 != null && v1.path("models").isArray()) {
            return ServerKind.LM_STUDIO;
        }
        if (v0 != null && v0.path("data").isArray() && hasEntryWith(v0.path("data"), "state")) {
            return ServerKind.LM_STUDIO_LEGACY;
        }
        for (JsonNode entry : openAi.path("data")) {
            String owner = entry.path("owned_by").asText("");
            if (entry.path("meta").isObject() || owner.equals("llamacpp")) {
                return ServerKind.LLAMA_CPP;
            }
            if (entry.has("max_model_len") || owner.equals("vllm")) {
                return ServerKind.VLLM;
            }
            if (owner.equals("library") || owner.equals("ollama")) {
                return ServerKind.OLLAMA;
            }
        }
        return ServerKind.OPENAI_COMPATIBLE;
    }

    /** The ids of {@code GET /v1/models}, in the server's order. */
    static List<String> ids(JsonNode openAi) {
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : openAi.path("data")) {
            String id = text(entry, "id");
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** LM Studio 0.4+ ({@code /api/v1/models}), falling back to 0.3.x ({@code /api/v0/models}) for what it lacks. */
    static Map<String, ModelInfo> lmStudio(JsonNode v1, JsonNode v0) {
        Map<String, ModelInfo> details = new HashMap<>();
        if (v0 != null) {
            for (JsonNode m : v0.path("data")) {
                String id = text(m, "id");
                if (id != null) {
                    details.put(id, new ModelInfo(id, text(m, "type"), text(m, "state"), integer(m.path("max_context_length")),
                            integer(m.path("loaded_context_length")), null, "vlm".equals(text(m, "type")) ? Boolean.TRUE : null,
                            null, null, List.of(), text(m, "quantization")));
                }
            }
        }
        // v1 is newer and knows the loaded instances' real context length, so it wins over v0.
        if (v1 != null) {
            for (JsonNode m : v1.path("models")) {
                String id = m.path("key").asText(m.path("id").asText(null));
                if (id == null) {
                    continue;
                }
                List<String> instances = new ArrayList<>();
                Integer loadedContext = null;
                for (JsonNode instance : m.path("loaded_instances")) {
                    instances.add(instance.path("id").asText(id));
                    Integer context = integer(instance.path("config").path("context_length"));
                    // Several instances may differ: the smallest is the one every request is sure to fit.
                    loadedContext = context == null ? loadedContext : loadedContext == null ? context : Math.min(loadedContext, context);
                }
                JsonNode capabilities = m.path("capabilities");
                details.put(id, new ModelInfo(id, text(m, "type"), instances.isEmpty() ? "not-loaded" : "loaded",
                        integer(m.path("max_context_length")), loadedContext, null, bool(capabilities.path("vision")),
                        bool(capabilities.path("trained_for_tool_use")), flag(capabilities.path("reasoning")), List.copyOf(instances),
                        quantization(m.path("quantization"))));
            }
        }
        return details;
    }

    /** llama-server: {@code meta.n_ctx} is one slot's context (the whole context divided by {@code --parallel}). */
    static Map<String, ModelInfo> llamaCpp(JsonNode openAi, JsonNode props) {
        Integer slotContext = props == null ? null : integer(props.path("default_generation_settings").path("n_ctx"));
        // Recent llama-server says in /props whether its model (with its --mmproj projector) takes images.
        JsonNode modalities = props == null ? null : props.path("modalities").path("vision");
        Boolean vision = modalities == null || !modalities.isBoolean() ? null : modalities.asBoolean();
        Map<String, ModelInfo> details = new HashMap<>();
        for (JsonNode entry : openAi.path("data")) {
            String id = text(entry, "id");
            if (id == null) {
                continue;
            }
            JsonNode meta = entry.path("meta");
            Integer context = integer(meta.path("n_ctx"));
            details.put(id, new ModelInfo(id, "llm", "loaded", integer(meta.path("n_ctx_train")), context != null ? context : slotContext,
                    null, vision, null, null, List.of(), null));
        }
        return details;
    }

    /** vLLM serves each model with one fixed window, {@code max_model_len}. */
    static Map<String, ModelInfo> vllm(JsonNode openAi) {
        Map<String, ModelInfo> details = new HashMap<>();
        for (JsonNode entry : openAi.path("data")) {
            String id = text(entry, "id");
            if (id != null) {
                Integer window = integer(entry.path("max_model_len"));
                details.put(id, new ModelInfo(id, "llm", "loaded", window, window, null, null, null, null, List.of(), null));
            }
        }
        return details;
    }

    /**
     * Ollama: {@code /api/ps} lists running models with the context they run with; {@code /api/show} gives the model's
     * maximum ({@code model_info["<arch>.context_length"]}) and a {@code num_ctx} parameter when the Modelfile sets one.
     */
    static Map<String, ModelInfo> ollama(List<String> ids, JsonNode running, Map<String, JsonNode> shown) {
        Map<String, Integer> runningContext = new HashMap<>();
        if (running != null) {
            for (JsonNode m : running.path("models")) {
                Integer context = integer(m.path("context_length"));
                for (String name : new String[] { text(m, "name"), text(m, "model") }) {
                    if (name != null) {
                        runningContext.put(name, context);
                    }
                }
            }
        }
        Map<String, ModelInfo> details = new HashMap<>();
        for (String id : ids) {
            JsonNode show = shown.get(id);
            Integer max = null;
            Integer numCtx = null;
            Boolean vision = null;
            Boolean tools = null;
            Boolean thinking = null;
            if (show != null) {
                var fields = show.path("model_info").fields();
                while (fields.hasNext()) {
                    var field = fields.next();
                    if (field.getKey().endsWith(".context_length")) {
                        max = integer(field.getValue());
                    }
                }
                numCtx = numCtx(show.path("parameters").asText(""));
                JsonNode capabilities = show.path("capabilities");
                if (capabilities.isArray()) {
                    vision = contains(capabilities, "vision");
                    tools = contains(capabilities, "tools");
                    thinking = contains(capabilities, "thinking");
                }
            }
            boolean loaded = runningContext.containsKey(id);
            Integer context = loaded && runningContext.get(id) != null ? runningContext.get(id) : numCtx;
            details.put(id, new ModelInfo(id, contains(show, "embedding") ? "embedding" : "llm", loaded ? "loaded" : "not-loaded",
                    max, context, null, vision, tools, thinking, List.of(),
                    show == null ? null : text(show.path("details"), "quantization_level")));
        }
        return details;
    }

    static Integer numCtx(String parameters) {
        for (String line : parameters.split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && parts[0].equals("num_ctx")) {
                try {
                    return Integer.valueOf(parts[1]);
                } catch (NumberFormatException ignored) {
                    return null;
                }
            }
        }
        return null;
    }

    private static boolean contains(JsonNode array, String value) {
        if (array == null || !array.path("capabilities").isArray() && !array.isArray()) {
            return false;
        }
        for (JsonNode item : array.isArray() ? array : array.path("capabilities")) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasEntryWith(JsonNode entries, String field) {
        for (JsonNode entry : entries) {
            if (entry.has(field)) {
                return true;
            }
        }
        return false;
    }

    /** LM Studio 0.4 gives {@code {"name":"Q4_K_M","bits_per_weight":4}}, 0.3 the name alone. */
    private static String quantization(JsonNode value) {
        return value.isTextual() ? value.asText() : text(value, "name");
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    static Integer integer(JsonNode value) {
        return value.isNumber() && value.canConvertToInt() && value.asInt() > 0 ? value.asInt() : null;
    }

    private static Boolean bool(JsonNode value) {
        return value.isBoolean() ? Boolean.valueOf(value.asBoolean()) : null;
    }

    /** A capability given as a boolean or as an object describing it (present means supported). */
    private static Boolean flag(JsonNode value) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.isObject() ? Boolean.TRUE : null;
    }
}
