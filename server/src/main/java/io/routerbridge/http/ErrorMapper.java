package io.routerbridge.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import io.routerbridge.errors.ConflictException;
import io.routerbridge.errors.DomainException;
import io.routerbridge.errors.ForbiddenException;
import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.errors.NotFoundException;
import io.routerbridge.errors.TooManyRequestsException;
import io.routerbridge.errors.UnauthorizedException;
import io.routerbridge.errors.UnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: {@code {"error": "...", "field": "..."}}.
 * Unexpected exceptions are logged with method and path (never the body, which may hold passwords)
 * and answered with a bare 500.
 */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private final List<Translation<?>> translations = new CopyOnWriteArrayList<>();

    /** A capability's own exception type answered like the domain exception it translates to. */
    private record Translation<T extends Exception>(Class<T> type, Function<? super T, ? extends DomainException> to) {
        DomainException apply(Exception exception) {
            return to.apply(type.cast(exception));
        }
    }

    /**
     * Registers how a capability's exception (and its subclasses) is answered. When several registered types match
     * an exception, the most specific one answers it, whatever the order of registration.
     */
    public <T extends Exception> void translate(Class<T> type, Function<? super T, ? extends DomainException> to) {
        translations.add(new Translation<>(type, to));
    }

    public void register(Javalin app) {
        app.exception(Exception.class, this::handle);
        // Javalin maps its own validation failures unless a handler for exactly this type exists.
        app.exception(ValidationException.class, this::handle);
        // Javalin's own answers (unmatched route, body too large, ...) get the same JSON shape.
        app.error(404, ctx -> rewriteEmpty(ctx, "not found: " + ctx.method() + " " + ctx.path()));
        app.error(405, ctx -> rewriteEmpty(ctx, "method not allowed: " + ctx.method() + " " + ctx.path()));
    }

    void handle(Exception thrown, Context ctx) {
        Exception exception = translated(thrown);
        if (exception instanceof DomainException domain) {
            answer(ctx, statusOf(domain), domain.getMessage(), domain.field().orElse(null));
        } else if (exception instanceof ValidationException validation) {
            String field = validation.getErrors().keySet().stream().findFirst().orElse(null);
            String reason = field == null ? "invalid" : validation.getErrors().get(field).get(0).getMessage()
                    .toLowerCase(Locale.ROOT).replace('_', ' ');
            answer(ctx, 400, (field == null ? "request" : field) + " is not valid: " + reason, field);
        } else if (exception instanceof MismatchedInputException mismatch) {
            answer(ctx, 400, "request body does not have the expected shape" + at(mismatch.getLocation()),
                    fieldPath(mismatch));
        } else if (exception instanceof JsonProcessingException json) {
            // The location only: the parser's message can quote the body, which may hold passwords.
            answer(ctx, 400, "request body is not valid JSON" + at(json.getLocation()), null);
        } else if (exception instanceof HttpResponseException http) {
            answer(ctx, http.getStatus(), http.getMessage(), null);
        } else {
            log.error("unexpected error on {} {}", ctx.method(), ctx.path(), exception);
            answer(ctx, 500, "internal error", null);
        }
    }

    Exception translated(Exception exception) {
        Translation<?> best = null;
        for (Translation<?> translation : translations) {
            if (translation.type().isInstance(exception)
                    && (best == null || moreSpecific(translation.type(), best.type()))) {
                best = translation;
            }
        }
        return best == null ? exception : best.apply(exception);
    }

    private static boolean moreSpecific(Class<?> candidate, Class<?> than) {
        return candidate != than && than.isAssignableFrom(candidate);
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String fieldPath(MismatchedInputException mismatch) {
        StringBuilder path = new StringBuilder();
        for (var reference : mismatch.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
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
        } else if (exception instanceof TooManyRequestsException) {
            return 429;
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
