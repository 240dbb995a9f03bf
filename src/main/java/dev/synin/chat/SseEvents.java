package dev.synin.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds the named events of a chat stream. The JSON is written here, once, and sent as the event's text:
 * browsers strip a leading space from plain-text {@code data:}, JSON never starts with one.
 */
@ApplicationScoped
public class SseEvents {

    private final ObjectMapper json;

    SseEvents(ObjectMapper json) {
        this.json = json;
    }

    OutboundSseEvent event(Sse sse, String name, Object payload) {
        try {
            return build(sse, name, json.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payloads are plain records", e);
        }
    }

    /**
     * {@code {"content":"..."}}, the event sent for every chunk: written directly with Jackson's string quoting
     * instead of through an object writer, since it is the one shape on the per-token path.
     */
    OutboundSseEvent text(Sse sse, String name, String content) {
        StringBuilder data = new StringBuilder(content.length() + 16).append("{\"content\":\"");
        JsonStringEncoder.getInstance().quoteAsString(content, data);
        return build(sse, name, data.append("\"}").toString());
    }

    /** No media type on the event: Quarkus would write it as an extra {@code content-type:} line per event. */
    private static OutboundSseEvent build(Sse sse, String name, String data) {
        return sse.newEventBuilder().name(name).data(String.class, data).build();
    }
}
