package dev.synin.conversation;

import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The sampling settings beyond temperature and max tokens that a conversation keeps and sends upstream, each only
 * when set (otherwise the server's own default applies). OpenAI's API has {@code top_p}, {@code seed} and
 * {@code stop}; llama.cpp's llama-server and LM Studio also take {@code top_k}, {@code min_p} and
 * {@code repeat_penalty} (servers that do not know one ignore it). Sent as a whole: a chat or a change that names
 * {@code sampling} replaces all of them ({@code {}} clears them).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sampling(
        @DecimalMin(value = "0", message = "must be between 0 and 1") @DecimalMax(value = "1", message = "must be between 0 and 1") Double topP,
        @Min(value = 1, message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000") Integer topK,
        @DecimalMin(value = "0", message = "must be between 0 and 1") @DecimalMax(value = "1", message = "must be between 0 and 1") Double minP,
        @DecimalMin(value = "0", message = "must be between 0 and 5") @DecimalMax(value = "5", message = "must be between 0 and 5") Double repeatPenalty,
        @Min(value = 0, message = "must be at least 0") @Max(value = 4_294_967_295L, message = "must be at most 4294967295") Long seed,
        @Size(max = 4, message = "may hold at most {max} sequences")
        List<@NotNull(message = "may not hold null") @Size(min = 1, max = 64, message = "must each be 1 to 64 characters long")
        @Pattern(regexp = "[^\\x00]*", message = "may not contain the NUL character") String> stop) {

    public static final Sampling NONE = new Sampling(null, null, null, null, null, null);

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return topP == null && topK == null && minP == null && repeatPenalty == null && seed == null && (stop == null || stop.isEmpty());
    }
}
