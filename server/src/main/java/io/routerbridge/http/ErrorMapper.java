package io.routerbridge.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.routerbridge.errors.ConflictException;
import io.routerbridge.errors.DomainException;
import io.routerbridge.errors.ForbiddenException;
import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.errors.NotFoundException;
import io.routerbridge.errors.UnauthorizedException;
import io.routerbridge.errors.UnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: {@code {"error": "...", "field": "..."}}.
 * Unexpected exceptions are logged with method and path (never the body, which may hold passwords)
 * and answered with a bare 500.
 */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    public void register(Javalin app) {
        app.exception(Exception.class, this::handle);
        // Javalin's own answers (unmatched route, body too large, ...) get the same JSON shape.
        app.error(404, ctx -> rewriteEmpty(ctx, "not found: " + ctx.method() + " " + ctx.path()));
        app.error(405, ctx -> rewriteEmpty(ctx, "method not allowed: " + ctx.method() + " " + ctx.path()));
    }

    void handle(Exception exception, Context ctx) {
        if (exception instanceof DomainException domain) {
            answer(ctx, statusOf(domain), domain.getMessage(), domain.field().orElse(null));
        } else if (exception instanceof HttpResponseException http) {
            answer(ctx, http.getStatus(), http.getMessage(), null);
        } else {
            log.error("unexpected error on {} {}", ctx.method(), ctx.path(), exception);
            answer(ctx, 500, "internal error", null);
        }
    }

    static int statusOf(DomainException exception) {
        if (exception instanceof InvalidInputException) {
            return 400;
        } else if (exception instanceof UnauthorizedException) {
            return 401;
        } else if (exception instanceof ForbiddenException) {
            return 403;
        } else if (exception instanceof NotFoundException) {
            return 404;
        } else if (exception instanceof ConflictException) {
            return 409;
        } else if (exception instanceof UnavailableException) {
            return 503;
        }
        return 400;
    }

    private static void rewriteEmpty(Context ctx, String message) {
        if (!ctx.res().isCommitted() && !"application/json".equals(ctx.res().getContentType())) {
            answer(ctx, ctx.statusCode(), message, null);
        }
    }

    private static void answer(Context ctx, int status, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        ctx.status(status).json(body);
    }
}
