package io.routerbridge.ipam.exchange.web;

import io.routerbridge.ipam.exchange.ExchangeFormat;
import io.routerbridge.ipam.exchange.ImportResult;
import io.routerbridge.ipam.exchange.IpamExchange;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import io.javalin.http.Context;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.http.ApiRoutes;
import io.routerbridge.errors.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * GET /api/v1/export?format=csv|xml|json and POST /api/v1/import?format=...&amp;dryRun=true|false.
 * A refused import answers 400 with every problem and its line; IPAM errors of the format parameter
 * go through the IPAM translations already registered by IpamRoutes.
 */
public final class ExchangeRoutes implements ApiRoutes {
    private final IpamExchange exchange;

    public ExchangeRoutes(IpamExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void addRoutes() {
        get("export", this::export);
        post("import", this::importFile);
    }

    private void export(Context ctx) {
        ExchangeFormat format = ExchangeFormat.named(ctx.queryParam("format"));
        ctx.contentType(format.mediaType() + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"ipam." + format.name().toLowerCase(Locale.ROOT) + "\"")
                .result(exchange.export(format));
    }

    private void importFile(Context ctx) {
        ExchangeFormat format = ExchangeFormat.named(ctx.queryParam("format"));
        ImportResult result = exchange.importFile(ctx.body(), format, dryRun(ctx));
        ctx.status(result.accepted() ? 200 : 400).json(answer(result));
    }

    private static boolean dryRun(Context ctx) {
        String value = ApiRequests.queryText(ctx, "dryRun").orElse("false");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException("dryRun must be true or false", "dryRun");
        };
    }

    private static Map<String, Object> answer(ImportResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!result.accepted()) {
            body.put("error", "import refused, nothing was changed: " + result.errors().size() + " problem(s)");
            body.put("errors", result.errors());
        }
        body.put("dryRun", result.dryRun());
        body.put("applied", result.applied());
        body.put("subnets", result.subnets());
        body.put("pools", result.pools());
        return body;
    }
}
