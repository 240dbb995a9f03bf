package dev.synin.lmstudio;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import dev.synin.security.AuthConfig;
import dev.synin.security.SyninIdentity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/models}: what the model picker offers. {@code POST /api/models/load|eject}: LM Studio 0.4+ model
 * management; in {@code users} mode for admins only.
 */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    /**
     * @param server the kind of server ({@link ServerKind#wire()})
     * @param canManage whether this caller may load and eject models here
     */
    @RegisterForReflection
    public record Models(List<ModelInfo> models, String defaultModel, String server, boolean canManage) {
    }

    /** {@code contextLength} and {@code ttl} (seconds idle before LM Studio unloads it) are optional. */
    @RegisterForReflection
    public record LoadRequest(String model, Integer contextLength, Integer ttl) {
    }

    /** Without {@code instanceId}, every loaded instance of the model is ejected. */
    @RegisterForReflection
    public record EjectRequest(String model, String instanceId) {
    }

    private static final int MAX_TTL_SECONDS = 7 * 24 * 3600;

    private final ModelCatalog catalog;
    private final ModelManager manager;
    private final AuthConfig auth;
    private final SecurityIdentity caller;

    ModelResource(ModelCatalog catalog, ModelManager manager, AuthConfig auth, SecurityIdentity caller) {
        this.catalog = catalog;
        this.manager = manager;
        this.auth = auth;
        this.caller = caller;
    }

    @GET
    public Uni<Models> models() {
        boolean mayManage = mayManage();
        return catalog.refresh().flatMap(listing -> catalog.defaultModel()
                .onFailure().recoverWithNull()
                .map(defaultModel -> new Models(listing.models(), defaultModel, listing.server().wire(),
                        mayManage && listing.server() == ServerKind.LM_STUDIO)));
    }

    @POST
    @Path("/load")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ModelManager.Loaded> load(LoadRequest request) {
        requireManager();
        if (request == null || request.model() == null || request.model().isBlank()) {
            throw ApiException.badRequest("Send {\"model\":\"<model key>\", \"contextLength\": 8192, \"ttl\": 3600}; only model is required.");
        }
        if (request.contextLength() != null && request.contextLength() < 256) {
            throw ApiException.badRequest("contextLength must be at least 256 tokens.");
        }
        if (request.ttl() != null && (request.ttl() < 1 || request.ttl() > MAX_TTL_SECONDS)) {
            throw ApiException.badRequest("ttl must be between 1 and " + MAX_TTL_SECONDS + " seconds.");
        }
        return manager.load(request.model().strip(), request.contextLength(), request.ttl());
    }

    @POST
    @Path("/eject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ModelManager.Ejected> eject(EjectRequest request) {
        requireManager();
        if (request == null || request.model() == null || request.model().isBlank()) {
            throw ApiException.badRequest("Send {\"model\":\"<model key>\"} and optionally \"instanceId\".");
        }
        return manager.eject(request.model().strip(), request.instanceId());
    }

    /** Loading takes the server's memory for everyone: with accounts, that is an admin's decision. */
    private boolean mayManage() {
        return !auth.accounts() || caller.hasRole(SyninIdentity.ROLE_ADMIN);
    }

    private void requireManager() {
        if (!mayManage()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only admins may load or eject models.");
        }
    }
}
