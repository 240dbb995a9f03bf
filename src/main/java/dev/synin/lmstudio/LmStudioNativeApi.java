package dev.synin.lmstudio;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * LM Studio's own REST API at the server root. Other servers do not have it (or answer anything with 200),
 * so the bodies are read as loose JSON and anything unexpected is ignored.
 */
@Produces(MediaType.APPLICATION_JSON)
interface LmStudioNativeApi {

    /** LM Studio 0.4+: {@code {"models":[{key, type, loaded_instances, max_context_length, capabilities}]}}. */
    @GET
    @Path("/api/v1/models")
    Uni<JsonNode> modelsV1();

    /** LM Studio 0.3.6+: {@code {"data":[{id, type, state, max_context_length}]}}. */
    @GET
    @Path("/api/v0/models")
    Uni<JsonNode> modelsV0();

    /**
     * LM Studio 0.4+: loads a model and answers once it is loaded:
     * {@code {"model_instance_id", "config": {"context_length", ...}, "load_time_seconds"}}.
     */
    @POST
    @Path("/api/v1/models/load")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<JsonNode> load(JsonNode body);

    /** LM Studio 0.4+: {@code {"instance_id"}} unloads that instance. */
    @POST
    @Path("/api/v1/models/unload")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<JsonNode> unload(JsonNode body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamHttpException.from(response);
    }
}
