package dev.synin.lmstudio;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * The few non-OpenAI endpoints of other servers that tell a model's context window, at the server root. Read as loose
 * JSON; a server without them answers 404 and the catalog does without.
 */
@Produces(MediaType.APPLICATION_JSON)
interface OtherServersApi {

    /** llama-server: {@code default_generation_settings.n_ctx} (one slot's context) and {@code total_slots}. */
    @GET
    @Path("/props")
    Uni<JsonNode> llamaProps();

    /** Ollama: the running models, {@code {"models":[{name, model, context_length}]}}. */
    @GET
    @Path("/api/ps")
    Uni<JsonNode> ollamaRunning();

    /** Ollama: one model's details, {@code {"model_info":{"<arch>.context_length":N}, "parameters":"num_ctx N", "capabilities":[...]}}. */
    @POST
    @Path("/api/show")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<JsonNode> ollamaShow(JsonNode body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamHttpException.from(response);
    }
}
