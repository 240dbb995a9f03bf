package dev.synin.lmstudio;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * The OpenAI-compatible API ({@code /v1/...}) spoken by LM Studio, llama.cpp's llama-server, Ollama and vLLM.
 * Built programmatically by {@link LmStudioClient} so that the base URL and timeouts come from {@link LmStudioConfig}.
 * Streaming answers go through {@link StreamingCall}, which can close the connection when the answer is abandoned.
 */
@Consumes(MediaType.APPLICATION_JSON)
interface OpenAiApi {

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    /** Read loosely: besides {@code data[].id}, llama-server adds {@code meta.n_ctx} and vLLM {@code max_model_len}. */
    Uni<JsonNode> models();

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamHttpException.from(response);
    }
}
