package dev.synin.attachment;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What an attachment is to the model: an image it looks at, or a document whose text it reads. */
@RegisterForReflection
public enum AttachmentKind {
    IMAGE,
    DOCUMENT;

    /** {@code image} or {@code document}: in JSON and in the database. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AttachmentKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
