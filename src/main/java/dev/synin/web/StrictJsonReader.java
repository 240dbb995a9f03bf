package dev.synin.web;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import dev.synin.error.ApiException;

/**
 * Reads the JSON bodies sent to Synin (its own request records), strictly: UTF-8 only (no overlong forms, no encoded
 * surrogates), one document and nothing after it, no duplicate keys, no scalar coercion (no {@code "0.5"} for a number,
 * {@code 1.5} for an integer, {@code 42} or {@code true} for a text), and no NUL or lone surrogate in a text (PostgreSQL
 * cannot store the one, the other is not text). Each refusal is a 400 naming the field.
 *
 * <p>Server side only, and never for the upstream DTOs of {@code dev.synin.lmstudio}: what LM Studio sends is read
 * leniently by the shared {@link ObjectMapper}, which this reader copies and leaves as it is.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Consumes(MediaType.APPLICATION_JSON)
@Priority(Priorities.USER - 100)
public class StrictJsonReader implements MessageBodyReader<Object> {

    private final ObjectMapper strict;

    public StrictJsonReader(ObjectMapper shared) {
        this.strict = strict(shared);
    }

    static ObjectMapper strict(ObjectMapper shared) {
        ObjectMapper mapper = shared.copy()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType type : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean }) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper.registerModule(new SimpleModule("synin-strict-text").addDeserializer(String.class, new StrictText()));
    }

    /** Synin's own request records; the upstream DTOs (dev.synin.lmstudio) are LM Studio's words, read leniently. */
    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.getName().startsWith("dev.synin.") && !type.getName().startsWith("dev.synin.lmstudio.");
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        String text = utf8(entityStream.readAllBytes());
        if (text.isBlank()) {
            return null;
        }
        ObjectReader reader = strict.readerFor(strict.getTypeFactory().constructType(genericType));
        try (JsonParser parser = strict.getFactory().createParser(text)) {
            try {
                Object value = reader.readValue(parser);
                if (parser.nextToken() != null) {
                    throw ApiException.badRequest("The body is not valid JSON: something follows the document.");
                }
                return value;
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest(describe(e, parser));
            }
        }
    }

    private static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw ApiException.badRequest("The body is not valid UTF-8 (byte " + in.position() + ").");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static String describe(JsonProcessingException e, JsonParser parser) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() ? path(mapping)
                : path(parser.getParsingContext().pathAsPointer());
        String where = field.isEmpty() ? "" : " (at \"" + field + "\")";
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field \"" + unknown.getPropertyName() + "\"" + where + ".";
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith(StrictText.REFUSED)) {
            return e.getOriginalMessage().substring(StrictText.REFUSED.length()) + where + ".";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getOriginalMessage() != null
                && mismatched.getOriginalMessage().startsWith("Trailing token")) {
            return "The body is not valid JSON: something follows the document.";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null && !field.isEmpty()) {
            return "Wrong type of value for \"" + field + "\": expected " + kind(mismatched.getTargetType()) + ".";
        }
        return "The body is not valid JSON" + where + ": " + abbreviate(e.getOriginalMessage()) + ".";
    }

    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "a text (a JSON string)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String path(JsonPointer pointer) {
        StringBuilder path = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.mayMatchElement() && p.getMatchingProperty().chars().allMatch(Character::isDigit)) {
                path.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(p.getMatchingProperty());
            }
        }
        return path.toString();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }

    /** A text is a JSON string, never a number or a boolean, and holds no NUL and no lone surrogate. */
    static final class StrictText extends StdScalarDeserializer<String> {

        static final String REFUSED = "synin: ";

        StrictText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getText();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == 0) {
                    ctxt.reportInputMismatch(this, REFUSED + "A text may not contain the NUL character (\\u0000)");
                }
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    ctxt.reportInputMismatch(this, REFUSED + "A text may not contain a lone surrogate (\\u"
                            + Integer.toHexString(c) + ")");
                }
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }
}
