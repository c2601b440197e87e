package io.routerbridge.ipam.exchange;

import io.routerbridge.ipam.IpamValidationException;
import java.util.Locale;

/** The file formats subnets and pools are exported to and imported from. */
public enum ExchangeFormat {
    CSV("text/csv"),
    XML("application/xml"),
    JSON("application/json");

    private final String mediaType;

    ExchangeFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static ExchangeFormat named(String name) {
        if (name == null || name.isBlank()) {
            return JSON;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "xml" -> XML;
            case "json" -> JSON;
            default -> throw new IpamValidationException("format", "format must be csv, xml or json, got " + name.trim());
        };
    }
}
