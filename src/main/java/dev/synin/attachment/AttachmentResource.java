package dev.synin.attachment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import dev.synin.error.ErrorMappers;
import dev.synin.security.CurrentOwner;
import io.smallrye.common.annotation.Blocking;

/**
 * Upload a file to attach to the next question, download it again, and its thumbnail. Another owner's attachment is
 * answered like a missing one (404). Downloads are always {@code attachment} with {@code nosniff}: an uploaded HTML
 * page is never rendered on Synin's origin.
 */
@Path("/api/attachments")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AttachmentResource {

    static final String FIELD = "file";

    private final AttachmentService attachments;
    private final CurrentOwner owner;

    AttachmentResource(AttachmentService attachments, CurrentOwner owner) {
        this.attachments = attachments;
        this.owner = owner;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm(FileUpload.ALL) List<FileUpload> files) {
        List<FileUpload> named = files == null ? List.of() : files.stream().filter(f -> FIELD.equals(f.name())).toList();
        if (named.isEmpty()) {
            throw ApiException.badRequest("Send the file as multipart/form-data in a field named \"" + FIELD + "\".");
        }
        if (named.size() > 1 || files.size() > 1) {
            throw ApiException.badRequest("Send one file per upload (one \"" + FIELD + "\" field).");
        }
        FileUpload file = named.get(0);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AttachmentView stored = attachments.upload(owner.id(), file.fileName(), file.contentType(), bytes);
        return Response.status(Response.Status.CREATED).header("Location", "/api/attachments/" + stored.id()).entity(stored).build();
    }

    /** Anything but multipart: the error names what to send (the generic 415 speaks of JSON). */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response notMultipart() {
        throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Send the file as multipart/form-data in a field named \"" + FIELD + "\".");
    }

    @GET
    @Path("/{id}/meta")
    public AttachmentView meta(@PathParam("id") UUID id) {
        return attachments.meta(owner.id(), id);
    }

    /** The original file, byte for byte, with its real type, to save (never to display). */
    @GET
    @Path("/{id}")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("id") UUID id) {
        AttachmentService.Download file = attachments.original(owner.id(), id);
        String type = file.type().startsWith("text/") || file.type().endsWith("json") || file.type().endsWith("xml")
                || file.type().endsWith("yaml") ? file.type() + "; charset=utf-8" : file.type();
        return send(file, type, false);
    }

    /** Re-encoded by Synin (PNG or JPEG), so it may be shown inline. */
    @GET
    @Path("/{id}/thumbnail")
    @Produces(MediaType.WILDCARD)
    public Response thumbnail(@PathParam("id") UUID id) {
        AttachmentService.Download file = attachments.thumbnail(owner.id(), id);
        return send(file, file.type(), true);
    }

    /** The image as Synin re-encoded it, at full size (at most SYNIN_IMAGE_MAX_EDGE): shown inline, like the thumbnail. */
    @GET
    @Path("/{id}/image")
    @Produces(MediaType.WILDCARD)
    public Response image(@PathParam("id") UUID id) {
        AttachmentService.Download file = attachments.image(owner.id(), id);
        return send(file, file.type(), true);
    }

    /**
     * A multipart body that could not be parsed: cut off, or sent chunked (the body limit filter has then read it ahead
     * of the multipart parser, see dev.synin.web.BodyLimitFilter). The client's side, never a 500.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e) {
        return ErrorMappers.respond(ErrorCode.BAD_REQUEST, "The upload could not be read (" + e.getMessage() + "). Send it as "
                + "multipart/form-data with a Content-Length, as browsers do; chunked uploads are not supported.");
    }

    private static Response send(AttachmentService.Download file, String type, boolean inline) {
        return Response.ok(file.bytes(), type)
                .header("Content-Disposition", FileName.contentDisposition(file.name(), inline))
                .header("X-Content-Type-Options", "nosniff")
                // Even opened directly, the file runs no script and loads nothing.
                .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'")
                // The same id always has the same bytes; private: it belongs to one owner.
                .header("Cache-Control", "private, max-age=86400, immutable")
                .build();
    }
}
