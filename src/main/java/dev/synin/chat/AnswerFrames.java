package dev.synin.chat;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;

import org.jboss.resteasy.reactive.server.jaxrs.SseImpl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Encodes each {@link AnswerEvent} once into the SSE frame every subscriber of the answer is sent: the JSON is written
 * here, as the event's text, and the same frame object goes to every tab and to the replica bus. Text events, the
 * one shape on the per-token path, are written with Jackson's string quoting instead of an object writer.
 */
@ApplicationScoped
public class AnswerFrames {

    /** An encoded event: its place in the answer, its SSE name and JSON data, and the frame built from them. */
    record Frame(long seq, String name, String data, OutboundSseEvent sse) {
    }

    private final ObjectMapper json;

    AnswerFrames(ObjectMapper json) {
        this.json = json;
    }

    Frame encode(UUID answerId, long seq, AnswerEvent event) {
        return frame(answerId, seq, event.name(), data(event));
    }

    /** A frame from already encoded data (an event relayed by another replica). */
    Frame frame(UUID answerId, long seq, String name, String data) {
        // No media type on the event: Quarkus would write it as an extra content-type line per event. Browsers strip
        // a leading space from plain-text data; JSON never starts with one.
        OutboundSseEvent sse = SseImpl.INSTANCE.newEventBuilder().id(eventId(answerId, seq)).name(name)
                .data(String.class, data).build();
        return new Frame(seq, name, data, sse);
    }

    /**
     * A frame without an id, for answers replayed from the database: a client that resumes after one starts from the
     * beginning again (its {@code start} event resets the answer), which is always right.
     */
    OutboundSseEvent unnumbered(AnswerEvent event) {
        return SseImpl.INSTANCE.newEventBuilder().name(event.name()).data(String.class, data(event)).build();
    }

    static String eventId(UUID answerId, long seq) {
        return answerId + ":" + seq;
    }

    private String data(AnswerEvent event) {
        if (event instanceof AnswerEvent.Delta delta) {
            return text(delta.content());
        }
        if (event instanceof AnswerEvent.Reasoning reasoning) {
            return text(reasoning.content());
        }
        if (event instanceof AnswerEvent.Failed failed) {
            return write(failed.error());
        }
        return write(event);
    }

    private static String text(String content) {
        StringBuilder data = new StringBuilder(content.length() + 16).append("{\"content\":\"");
        JsonStringEncoder.getInstance().quoteAsString(content, data);
        return data.append("\"}").toString();
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payloads are plain records", e);
        }
    }
}
