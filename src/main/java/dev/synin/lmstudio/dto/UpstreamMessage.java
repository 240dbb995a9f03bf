package dev.synin.lmstudio.dto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One message of the history sent upstream. With images it is sent in OpenAI's content-part form,
 * {@code [{"type":"text","text":...},{"type":"image_url","image_url":{"url":"data:image/png;base64,..."}}]} (LM Studio
 * takes base64 data URLs only); without, as plain text, which every server takes.
 *
 * @param images data URLs of the images the message carries (PNG or JPEG)
 */
@RegisterForReflection
public record UpstreamMessage(String role, @JsonIgnore String content, @JsonIgnore List<String> images) {

    public UpstreamMessage(String role, String content) {
        this(role, content, List.of());
    }

    public UpstreamMessage {
        images = images == null ? List.of() : List.copyOf(images);
    }

    public UpstreamMessage withoutImages() {
        return images.isEmpty() ? this : new UpstreamMessage(role, content);
    }

    @JsonProperty("content")
    public Object wireContent() {
        if (images.isEmpty()) {
            return content;
        }
        List<Map<String, Object>> parts = new ArrayList<>(images.size() + 1);
        if (!content.isEmpty()) {
            parts.add(Map.of("type", "text", "text", content));
        }
        for (String image : images) {
            parts.add(Map.of("type", "image_url", "image_url", Map.of("url", image)));
        }
        return parts;
    }
}
