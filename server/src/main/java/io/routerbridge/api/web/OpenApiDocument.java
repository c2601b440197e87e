package io.routerbridge.api.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OpenAPI 3 description of /api/v1, kept as a resource file next to the code that it describes. */
public final class OpenApiDocument {
    public static final String RESOURCE = "/api/openapi.json";

    private final byte[] document;

    private OpenApiDocument(byte[] document) {
        this.document = document;
    }

    public static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            return new OpenApiDocument(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytes() {
        return document.clone();
    }

    void serve(Context ctx) {
        ctx.contentType("application/json").result(document);
    }
}
