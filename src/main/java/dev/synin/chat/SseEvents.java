package dev.synin.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.core.JsonProcessingException;
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
            return sse.newEventBuilder().name(name).mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(String.class, json.writeValueAsString(payload)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payloads are plain records", e);
        }
    }
}
