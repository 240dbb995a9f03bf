package dev.synin.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The model-listing dialects {@link FakeLmStudio} can speak besides LM Studio 0.3's (its default), shaped after each
 * server's documented answers: LM Studio 0.4's {@code /api/v1/models} (with load and unload), llama-server's
 * {@code meta} and {@code /props}, Ollama's {@code /api/ps} and {@code /api/show}, vLLM's {@code max_model_len}.
 */
public final class FakeServers {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which server the fake pretends to be. */
    public enum Dialect {
        LM_STUDIO_V0, LM_STUDIO_V1, LLAMA_CPP, OLLAMA, VLLM
    }

    /** LM Studio 0.4's loaded instances: model key to context length, as {@code /api/v1/models/load} left them. */
    private final Map<String, Integer> loaded = new ConcurrentHashMap<>();
    private final AtomicInteger loads = new AtomicInteger();

    /** LM Studio 0.4 also lists a vision model, {@value #VISION_MODEL} (loaded), until {@link #reset()}. */
    public static final String VISION_MODEL = "qwen2.5-vl-7b-instruct";
    private volatile boolean visionModel;

    public FakeServers withVisionModel() {
        visionModel = true;
        loaded.put(VISION_MODEL, 8192);
        return this;
    }

    void reset() {
        visionModel = false;
        loaded.clear();
        loaded.put("qwen2.5-7b-instruct", 4096);
        loads.set(0);
    }

    /** How many {@code POST /api/v1/models/load} the fake received. */
    public int loads() {
        return loads.get();
    }

    /** GET /v1/models in {@code dialect}; null when the LM Studio fixture applies. */
    String openAiModels(Dialect dialect) {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        switch (dialect) {
            case LLAMA_CPP -> {
                // llama-server -c 4096 --parallel 2: the slot's context is 2048.
                ObjectNode model = data.addObject().put("id", "tiny-qwen2").put("object", "model").put("owned_by", "llamacpp");
                model.putObject("meta").put("vocab_type", 2).put("n_ctx", 2048).put("n_ctx_train", 32768).put("n_params", 80_000_000);
            }
            case OLLAMA -> {
                data.addObject().put("id", "llama3.2:latest").put("object", "model").put("owned_by", "library");
                data.addObject().put("id", "qwen3:8b").put("object", "model").put("owned_by", "library");
            }
            case VLLM -> data.addObject().put("id", "Qwen/Qwen2.5-7B-Instruct").put("object", "model").put("owned_by", "vllm")
                    .put("max_model_len", 16384);
            default -> {
                if (!visionModel) {
                    return null;
                }
                try {
                    ObjectNode listed = (ObjectNode) JSON.readTree(FakeLmStudio.fixture("models.json"));
                    ((ArrayNode) listed.path("data")).addObject().put("id", VISION_MODEL).put("object", "model").put("owned_by", "organization_owner");
                    return listed.toString();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return list.toString();
    }

    String llamaProps() {
        ObjectNode props = JSON.createObjectNode().put("total_slots", 2).put("model_path", "tiny-qwen2.gguf");
        props.putObject("default_generation_settings").put("n_ctx", 2048);
        props.putObject("modalities").put("vision", true).put("audio", false);
        return props.toString();
    }

    String ollamaRunning() {
        ObjectNode ps = JSON.createObjectNode();
        ps.putArray("models").addObject().put("name", "llama3.2:latest").put("model", "llama3.2:latest").put("context_length", 8192);
        return ps.toString();
    }

    String ollamaShow(JsonNode body) {
        String model = body == null ? "" : body.path("model").asText();
        ObjectNode show = JSON.createObjectNode();
        if (model.startsWith("qwen3")) {
            show.put("parameters", "temperature 0.6\nnum_ctx 6144");
            show.putObject("model_info").put("general.architecture", "qwen3").put("qwen3.context_length", 40960);
            show.putArray("capabilities").add("completion").add("tools").add("thinking");
        } else {
            show.put("parameters", "stop \"<|eot_id|>\"");
            show.putObject("model_info").put("general.architecture", "llama").put("llama.context_length", 131072);
            show.putArray("capabilities").add("completion").add("tools");
        }
        return show.toString();
    }

    /** LM Studio 0.4's {@code /api/v1/models}: the three fixture models, with their loaded instances. */
    String lmStudioV1Models() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode models = root.putArray("models");
        model(models, "llm", "qwen2.5-7b-instruct", 32768, false, true, false);
        model(models, "llm", "deepseek-r1-distill-qwen-7b", 131072, false, false, true);
        model(models, "embedding", "text-embedding-nomic-embed-text-v1.5", 2048, false, false, false);
        if (visionModel) {
            model(models, "llm", VISION_MODEL, 32768, true, false, false);
        }
        return root.toString();
    }

    private void model(ArrayNode models, String type, String key, int max, boolean vision, boolean tools, boolean reasoning) {
        ObjectNode model = models.addObject().put("type", type).put("publisher", "lmstudio-community").put("key", key)
                .put("display_name", key).put("max_context_length", max).put("format", "gguf");
        model.putObject("quantization").put("name", "Q4_K_M").put("bits_per_weight", 4);
        ArrayNode instances = model.putArray("loaded_instances");
        Integer context = loaded.get(key);
        if (context != null) {
            instances.addObject().put("id", key).putObject("config").put("context_length", context).put("flash_attention", false);
        }
        if (!type.equals("embedding")) {
            ObjectNode capabilities = model.putObject("capabilities").put("vision", vision).put("trained_for_tool_use", tools);
            if (reasoning) {
                capabilities.putObject("reasoning").putArray("allowed_options").add("on").add("off");
            }
        }
    }

    /** {@code POST /api/v1/models/load}: a new instance every time, as LM Studio does. */
    String load(JsonNode body) {
        loads.incrementAndGet();
        String key = body.path("model").asText();
        int context = body.path("context_length").asInt(4096);
        loaded.put(key, context);
        ObjectNode answer = JSON.createObjectNode().put("type", "llm").put("instance_id", key).put("load_time_seconds", 1.25)
                .put("status", "loaded");
        answer.putObject("load_config").put("context_length", context);
        return answer.toString();
    }

    /** {@code POST /api/v1/models/unload}; null when no such instance is loaded. */
    String unload(JsonNode body) {
        String id = body.path("instance_id").asText();
        return loaded.remove(id) == null ? null : JSON.createObjectNode().put("instance_id", id).toString();
    }
}
