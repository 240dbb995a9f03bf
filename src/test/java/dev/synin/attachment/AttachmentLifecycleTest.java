package dev.synin.attachment;

import static dev.synin.testing.Browser.userSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import dev.synin.testing.Browser;
import dev.synin.testing.FakeLmStudioResource;
import dev.synin.testing.SyninApiTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What the chat does with attachments (claim, rebuild the history), and how they go: with their conversation, or unsent. */
@QuarkusTest
@WithTestResource(FakeLmStudioResource.class)
class AttachmentLifecycleTest extends SyninApiTest {

    @Inject
    AttachmentService attachments;

    @Inject
    UnsentAttachmentCleaner cleaner;

    @Inject
    AttachmentConfig config;

    /** The owner id as the chat gets it from CurrentOwner: here, read from an upload of that owner. */
    private static String ownerOf(UUID attachment) {
        return QuarkusTransaction.requiringNew().call(() -> Attachment.<Attachment> findById(attachment).ownerId);
    }

    private UUID upload(Browser who, String name, String type, byte[] bytes) {
        return UUID.fromString(AttachmentApiTest.upload(who, name, type, bytes).statusCode(201).extract().path("id"));
    }

    private record Question(String conversationId, UUID messageId) {
    }

    /** A new conversation of this browser with one question and its answer, through the API. */
    private static Question ask(Browser who) {
        String conversation = who.api().body(userSays("Look at this")).post("/api/chat").then().statusCode(200)
                .extract().path("conversationId");
        return new Question(conversation, UUID.fromString(who.api().get("/api/conversations/" + conversation).then()
                .statusCode(200).extract().path("messages.find { it.role == 'user' }.id")));
    }

    private static UUID aQuestion(Browser who) {
        return ask(who).messageId();
    }

    private static boolean exists(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Attachment.findById(id) != null);
    }

    @Test
    void shouldClaimForAMessageAndGiveTheChatWhatGoesUpstream() {
        UUID image = upload(browser, "shot.png", "image/png", TestFiles.pngWithTransparency(64, 32));
        UUID pdf = upload(browser, "report.pdf", "application/pdf", TestFiles.pdf(2));
        String owner = ownerOf(image);
        UUID question = aQuestion(browser);

        List<ResolvedAttachment> claimed = QuarkusTransaction.requiringNew()
                .call(() -> attachments.claim(owner, List.of(pdf, image, pdf), question));
        assertThat(claimed).extracting(ResolvedAttachment::id).containsExactly(pdf, image);
        ResolvedAttachment document = claimed.get(0);
        assertThat(document.dataUrl()).isNull();
        assertThat(document.contextText()).startsWith("[Attached file: report.pdf, 2 pages]\n")
                .contains("Page 2 of the Synin report").endsWith("\n[End of report.pdf]");
        ResolvedAttachment picture = claimed.get(1);
        assertThat(picture.contextText()).isNull();
        assertThat(picture.dataUrl()).startsWith("data:image/png;base64,");
        byte[] png = Base64.getDecoder().decode(picture.dataUrl().substring("data:image/png;base64,".length()));
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(picture.view().width()).isEqualTo(64);
        assertThat(document.view().pages()).isEqualTo(2);

        assertThat(attachments.forMessages(List.of(question))).extracting(ResolvedAttachment::id).containsExactlyInAnyOrder(pdf, image)
                .allSatisfy(id -> assertThat(id).isNotNull());
        assertThat(attachments.forMessages(List.of(question))).allSatisfy(a -> assertThat(a.messageId()).isEqualTo(question));
        assertThat(attachments.forMessages(List.of(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void shouldRefuseToClaimWhatIsNotTheOwnersTooManyOrAlreadySent() {
        UUID mine = upload(browser, "a.txt", "text/plain", "mine".getBytes(StandardCharsets.UTF_8));
        String owner = ownerOf(mine);
        Browser mallory = Browser.fresh(base);
        UUID theirs = upload(mallory, "b.txt", "text/plain", "theirs".getBytes(StandardCharsets.UTF_8));
        UUID question = aQuestion(browser);
        UUID otherQuestion = aQuestion(browser);

        for (List<UUID> ids : List.of(List.of(theirs), List.of(UUID.randomUUID()), List.of(mine, theirs))) {
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> attachments.claim(owner, ids, question)))
                    .isInstanceOf(ApiException.class).hasMessageContaining("does not exist")
                    .satisfies(e -> assertThat(((ApiException) e).errorCode()).isEqualTo(ErrorCode.BAD_REQUEST));
        }
        assertThat(attachments.forMessages(List.of(question))).as("nothing claimed half").isEmpty();

        List<UUID> tooMany = IntStream.rangeClosed(0, config.perMessage()).mapToObj(i -> UUID.randomUUID()).toList();
        assertThatThrownBy(() -> attachments.claim(owner, tooMany, question)).hasMessageContaining("SYNIN_ATTACHMENTS_PER_MESSAGE");

        QuarkusTransaction.requiringNew().run(() -> attachments.claim(owner, List.of(mine), question));
        QuarkusTransaction.requiringNew().run(() -> attachments.claim(owner, List.of(mine), question)); // again: the same message
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> attachments.claim(owner, List.of(mine), otherQuestion)))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).errorCode()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(attachments.claim(owner, List.of(), question)).isEmpty();
    }

    @Test
    void shouldGoWithItsConversation() {
        UUID id = upload(browser, "notes.md", "text/markdown", "# Notes".getBytes(StandardCharsets.UTF_8));
        String owner = ownerOf(id);
        Question question = ask(browser);
        QuarkusTransaction.requiringNew().run(() -> attachments.claim(owner, List.of(id), question.messageId()));
        String conversation = question.conversationId();
        browser.api().get("/api/attachments/" + id).then().statusCode(200);

        browser.api().delete("/api/conversations/" + conversation).then().statusCode(204);
        assertThat(exists(id)).isFalse();
        browser.api().get("/api/attachments/" + id).then().statusCode(404);
    }

    @Test
    void shouldCopyAMessagesAttachmentsToAnotherThatOutlivesTheFirst() {
        UUID pdf = upload(browser, "report.pdf", "application/pdf", TestFiles.pdf(1));
        UUID image = upload(browser, "shot.png", "image/png", TestFiles.pngWithTransparency(20, 10));
        String owner = ownerOf(pdf);
        Question first = ask(browser);
        UUID edited = aQuestion(browser);
        QuarkusTransaction.requiringNew().run(() -> attachments.claim(owner, List.of(pdf, image), first.messageId()));

        List<ResolvedAttachment> copies = QuarkusTransaction.requiringNew()
                .call(() -> attachments.copyToMessage(owner, first.messageId(), edited));
        assertThat(copies).extracting(ResolvedAttachment::name).containsExactly("report.pdf", "shot.png");
        assertThat(copies).extracting(ResolvedAttachment::id).doesNotContain(pdf, image);
        assertThat(copies).allSatisfy(c -> assertThat(c.messageId()).isEqualTo(edited));
        assertThat(copies.get(1).dataUrl()).startsWith("data:image/png;base64,");
        assertThat(QuarkusTransaction.requiringNew().call(() -> attachments.copyToMessage("someone-else", first.messageId(), edited)))
                .as("another owner's message has nothing to copy").isEmpty();

        browser.api().delete("/api/conversations/" + first.conversationId()).then().statusCode(204);
        assertThat(exists(pdf)).isFalse();
        assertThat(attachments.forMessages(List.of(edited))).extracting(ResolvedAttachment::contextText)
                .anySatisfy(text -> assertThat(text).contains("Page 1 of the Synin report"));
        browser.api().get("/api/attachments/" + copies.get(0).id()).then().statusCode(200);
    }

    @Test
    void shouldDeleteUploadsNeverSentAfterTheirTtlAndKeepTheRest() {
        UUID old = upload(browser, "old.txt", "text/plain", "old".getBytes(StandardCharsets.UTF_8));
        String owner = ownerOf(old);
        UUID oldButSent = upload(browser, "sent.txt", "text/plain", "sent".getBytes(StandardCharsets.UTF_8));
        UUID fresh = upload(browser, "fresh.txt", "text/plain", "fresh".getBytes(StandardCharsets.UTF_8));
        UUID question = aQuestion(browser);
        QuarkusTransaction.requiringNew().run(() -> attachments.claim(owner, List.of(oldButSent), question));
        Instant longAgo = Instant.now().minus(config.unsentTtl()).minus(Duration.ofMinutes(1));
        QuarkusTransaction.requiringNew().run(() -> Attachment.update("createdAt = ?1 where id in ?2", longAgo, List.of(old, oldButSent)));

        assertThat(cleaner.clean()).isGreaterThanOrEqualTo(1);
        assertThat(exists(old)).isFalse();
        assertThat(exists(oldButSent)).isTrue();
        assertThat(exists(fresh)).isTrue();
    }
}
