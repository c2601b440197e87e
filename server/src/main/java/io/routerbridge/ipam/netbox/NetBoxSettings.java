package io.routerbridge.ipam.netbox;

import io.routerbridge.ipam.IpamValidationException;
import java.net.URI;

/** Where NetBox is and the API token to use. {@link #toString()} never shows the token. */
public record NetBoxSettings(URI baseUrl, String token) {
    public NetBoxSettings {
        if (baseUrl == null || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))
                || baseUrl.getHost() == null) {
            throw new IpamValidationException("url", "NetBox URL must be an http or https URL");
        }
        if (token == null || token.isBlank()) {
            throw new IpamValidationException("token", "NetBox API token is required");
        }
        String text = baseUrl.toString();
        baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    public static NetBoxSettings of(String url, String token) {
        try {
            return new NetBoxSettings(URI.create(url == null ? "" : url.trim()), token);
        } catch (IllegalArgumentException e) {
            throw new IpamValidationException("url", "NetBox URL is not a valid URL");
        }
    }

    @Override
    public String toString() {
        return "NetBoxSettings[" + baseUrl + "]";
    }
}
