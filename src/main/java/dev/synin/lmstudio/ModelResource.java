package dev.synin.lmstudio;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** {@code GET /api/models}: what the model picker offers. */
@Path("/api/models")
public class ModelResource {

    @RegisterForReflection
    public record Models(List<ModelInfo> models, String defaultModel) {
    }

    private final ModelCatalog catalog;

    ModelResource(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Models> models() {
        return catalog.refresh().flatMap(models -> catalog.defaultModel()
                .onFailure().recoverWithNull()
                .map(defaultModel -> new Models(models, defaultModel)));
    }
}
