package io.routerbridge.ipam.configuration.web;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.routerbridge.http.ApiRequests.body;
import static io.routerbridge.http.ApiRequests.pathId;

import io.javalin.http.Context;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.ipam.configuration.Configurations;
import io.routerbridge.ipam.configuration.Relation;

/** /api/v1/configurations and /api/v1/configurations/{id}/relations (errors are translated by IpamRoutes). */
public final class ConfigurationRoutes implements ApiRoutes {
    private final Configurations configurations;

    public ConfigurationRoutes(Configurations configurations) {
        this.configurations = configurations;
    }

    @Override
    public void addRoutes() {
        path("configurations", () -> {
            get(ctx -> ctx.json(ConfigurationView.of(configurations.list())));
            post(this::create);
            path("{id}", () -> {
                get(ctx -> ctx.json(ConfigurationView.of(configurations.get(pathId(ctx, "id")))));
                delete(ctx -> {
                    configurations.delete(pathId(ctx, "id"));
                    ctx.status(204);
                });
                path("relations", () -> {
                    get(ctx -> ctx.json(RelationView.of(configurations.relations(pathId(ctx, "id")))));
                    post(this::relate);
                    delete("{relationId}", ctx -> {
                        configurations.unrelate(pathId(ctx, "id"), pathId(ctx, "relationId"));
                        ctx.status(204);
                    });
                });
            });
        });
    }

    private void create(Context ctx) {
        ctx.status(201).json(ConfigurationView.of(configurations.create(body(ctx, ConfigurationBody.class).name())));
    }

    private void relate(Context ctx) {
        RelationBody request = body(ctx, RelationBody.class);
        Relation relation = configurations.relate(pathId(ctx, "id"), request.relationType(), request.target(),
                request.poolId(), request.subnetId());
        ctx.status(201).json(RelationView.of(relation));
    }
}
