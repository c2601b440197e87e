package io.routerbridge.ipam.integration.webhook.web;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.put;
import static io.routerbridge.http.ApiRequests.body;

import io.javalin.http.Context;
import io.routerbridge.errors.NotFoundException;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.ipam.integration.webhook.WebhookIntegration;
import io.routerbridge.ipam.integration.webhook.WebhookSettings;
import java.util.Map;

/** /api/v1/integrations/webhook: the signed webhook's URL and write-only secret; DELETE turns it off. */
public final class WebhookRoutes implements ApiRoutes {
    private final WebhookIntegration webhook;

    public WebhookRoutes(WebhookIntegration webhook) {
        this.webhook = webhook;
    }

    record SettingsBody(String url, String secret) {
    }

    @Override
    public void addRoutes() {
        get("integrations/webhook", this::settings);
        put("integrations/webhook", this::configure);
        delete("integrations/webhook", this::disable);
    }

    private void settings(Context ctx) {
        ctx.json(view(webhook.settings().orElseThrow(() -> new NotFoundException("the webhook is not configured"))));
    }

    private void configure(Context ctx) {
        SettingsBody request = body(ctx, SettingsBody.class);
        WebhookSettings settings = WebhookSettings.of(request.url(), request.secret());
        webhook.configure(settings);
        ctx.json(view(settings));
    }

    private void disable(Context ctx) {
        if (!webhook.disable()) {
            throw new NotFoundException("the webhook is not configured");
        }
        ctx.status(204);
    }

    private static Map<String, Object> view(WebhookSettings settings) {
        return Map.of("url", settings.url().toString(), "secretSet", true);
    }
}
