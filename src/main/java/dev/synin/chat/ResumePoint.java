package dev.synin.chat;

import java.util.UUID;

import dev.synin.error.ApiException;

/**
 * Where a resuming subscriber stands: the last event it received, as the SSE id {@code <answerId>:<seq>} (the
 * {@code Last-Event-ID} header of a reconnecting EventSource, or {@code ?after=} from fetch), or a bare sequence
 * number of the running answer. Nothing received is {@code 0}.
 */
record ResumePoint(UUID answerId, long seq) {

    static final ResumePoint START = new ResumePoint(null, 0);

    static ResumePoint parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return START;
        }
        String value = lastEventId.strip();
        int colon = value.lastIndexOf(':');
        try {
            UUID answer = colon < 0 ? null : UUID.fromString(value.substring(0, colon));
            long seq = Long.parseLong(value.substring(colon + 1));
            if (seq < 0) {
                throw new NumberFormatException("negative");
            }
            return new ResumePoint(answer, seq);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Last-Event-ID / after must be an event id such as \"<answerId>:42\" or a number, not \""
                    + (value.length() > 80 ? value.substring(0, 80) + "…" : value) + "\".");
        }
    }

    /** The events to skip of this answer: none if the id named another one. */
    long after(UUID answer) {
        return answerId == null || answerId.equals(answer) ? seq : 0;
    }
}
