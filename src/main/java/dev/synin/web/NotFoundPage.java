package dev.synin.web;

import java.util.List;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.synin.error.ErrorMappers;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * A browser that opens an address Synin does not have gets a page in Synin's style with a way home. API paths, and
 * clients that do not ask for HTML, keep the error shape of every other failure ({@link ErrorMappers#web}).
 */
public class NotFoundPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance notFound();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpHeaders headers, UriInfo uri) {
        if (!isPage(uri.getPath(), headers.getAcceptableMediaTypes())) {
            return new ErrorMappers().web(e);
        }
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").entity(Templates.notFound().render()).build();
    }

    /** A page address (not the API's, not Quarkus' own) asked for by something that wants HTML: a browser. */
    static boolean isPage(String path, List<MediaType> accepted) {
        if (path.equals("/api") || path.startsWith("/api/") || path.startsWith("/q/")) {
            return false;
        }
        return accepted.stream().anyMatch(type -> "text".equals(type.getType()) && "html".equals(type.getSubtype()));
    }
}
