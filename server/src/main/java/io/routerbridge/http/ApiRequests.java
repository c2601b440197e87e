package io.routerbridge.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import io.routerbridge.errors.InvalidInputException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reading REST requests strictly: bodies must be JSON objects of exactly the documented fields and
 * types (no unknown fields, no numbers as strings, no fractions for integers), ids must be positive
 * integers. Every rejection is an {@link InvalidInputException} naming the field.
 */
public final class ApiRequests {
    /** Request attribute: the name of the API key that authenticated the request (set by the REST API's check). */
    public static final String API_KEY_NAME = "routerbridge.apiKeyName";
    private static final Pattern POSITIVE_ID = Pattern.compile("[0-9]{1,18}");
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .withCoercionConfigDefaults(all -> all
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setAcceptBlankAsEmpty(false))
            .withCoercionConfig(LogicalType.Textual, strings -> strings
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private ApiRequests() {
    }

    /** The body as the given record type. */
    public static <T> T body(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw new InvalidInputException("request body is required: a JSON object");
        }
        try {
            T value = STRICT.readValue(body, type);
            if (value == null) {
                throw new InvalidInputException("request body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = fieldOf(e);
            throw new InvalidInputException("unknown field " + field, field);
        } catch (MismatchedInputException e) {
            String field = fieldOf(e);
            if (field == null) {
                throw new InvalidInputException("request body must be a JSON object");
            }
            throw new InvalidInputException(field + " must be " + describe(e.getTargetType()), field);
        } catch (JsonMappingException e) {
            String field = fieldOf(e);
            throw new InvalidInputException((field == null ? "request body" : field) + " is not acceptable"
                    + at(e), field);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("request body is not valid JSON" + at(e), currentField(e));
        }
    }

    /** The name of the API key that authenticated this request (for action logs). */
    public static String apiKeyName(Context ctx) {
        String name = ctx.attribute(API_KEY_NAME);
        return name == null ? "unknown" : name;
    }

    /** A path parameter that must be a positive integer id. */
    public static long pathId(Context ctx, String name) {
        return positiveId(ctx.pathParam(name), name);
    }

    /** An optional query parameter that must be a positive integer id when present. */
    public static Optional<Long> queryId(Context ctx, String name) {
        return queryText(ctx, name).map(value -> positiveId(value, name));
    }

    /** An optional query parameter; blank counts as absent. */
    public static Optional<String> queryText(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** An optional query parameter that must be one of the given words (case-insensitive). */
    public static <E extends Enum<E>> Optional<E> queryEnum(Context ctx, String name, Class<E> type) {
        return queryText(ctx, name).map(value -> enumValue(value, name, type));
    }

    /** An optional integer query parameter within [min, max]. */
    public static Optional<Integer> queryInt(Context ctx, String name, int min, int max) {
        return queryText(ctx, name).map(value -> {
            if (!value.matches("-?[0-9]{1,10}")) {
                throw new InvalidInputException(name + " must be an integer between " + min + " and " + max, name);
            }
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw new InvalidInputException(name + " must be between " + min + " and " + max, name);
            }
            return (int) number;
        });
    }

    /** A word of an enum, e.g. "prefix" for PoolKind.PREFIX. */
    public static <E extends Enum<E>> E enumValue(String value, String field, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new InvalidInputException(field + " must be one of " + words(type), field);
    }

    public static <E extends Enum<E>> String words(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /** A required body field. */
    public static <T> T required(T value, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new InvalidInputException(field + " is required", field);
        }
        return value;
    }

    /** A body id field, which must be a positive integer. */
    public static long requiredId(Long value, String field) {
        long id = required(value, field);
        if (id <= 0) {
            throw new InvalidInputException(field + " must be a positive integer", field);
        }
        return id;
    }

    private static long positiveId(String text, String name) {
        if (text == null || !POSITIVE_ID.matcher(text).matches() || Long.parseLong(text) == 0) {
            throw new InvalidInputException(name + " must be a positive integer", name);
        }
        return Long.parseLong(text);
    }

    /** The JSON path of the offending value, e.g. "excluded[2]"; null for the body itself. */
    private static String fieldOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    private static String currentField(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            return parser.getParsingContext().getCurrentName();
        }
        return null;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        return "a " + type.getSimpleName();
    }

    /** Where the parser stopped; never the parser's message, which can quote the body (and its secrets). */
    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
