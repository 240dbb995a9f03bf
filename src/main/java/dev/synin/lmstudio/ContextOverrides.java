package dev.synin.lmstudio;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

/**
 * {@code LM_STUDIO_CONTEXT_LENGTHS}, read once. Checked at start ({@link Startup}) so that a typo stops Synin with
 * a message naming the entry instead of silently leaving a model untrimmed.
 */
@Startup
@Singleton
public class ContextOverrides {

    static final String ANY_MODEL = "*";

    private final Map<String, Integer> windows;

    ContextOverrides(LmStudioConfig config) {
        this.windows = parse(config.contextLengths().orElse(List.of()));
    }

    static Map<String, Integer> parse(List<String> entries) {
        Map<String, Integer> windows = new HashMap<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int split = entry.lastIndexOf('=');
            Integer tokens = null;
            if (split > 0) {
                try {
                    tokens = Integer.valueOf(entry.substring(split + 1).strip());
                } catch (NumberFormatException notANumber) {
                    tokens = null;
                }
            }
            if (tokens == null || tokens < 256) {
                throw new IllegalArgumentException("LM_STUDIO_CONTEXT_LENGTHS: \"" + entry
                        + "\" is not model=tokens with at least 256 tokens (e.g. qwen2.5-7b-instruct=8192, or *=4096 for every model).");
            }
            windows.put(entry.substring(0, split).strip(), tokens);
        }
        return Map.copyOf(windows);
    }

    /** The configured window of {@code model}, if any ({@code *} is not consulted here). */
    public Optional<Integer> exact(String model) {
        return Optional.ofNullable(windows.get(model));
    }

    /** The window to use: the model's own override, else what the server reported, else the {@code *} override. */
    public Integer apply(String model, Integer reported) {
        Integer exact = windows.get(model);
        if (exact != null) {
            return exact;
        }
        return reported != null ? reported : windows.get(ANY_MODEL);
    }
}
