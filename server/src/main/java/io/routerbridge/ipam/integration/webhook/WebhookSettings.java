package io.routerbridge.ipam.integration.webhook;

import io.routerbridge.config.Secret;
import io.routerbridge.ipam.IpamValidationException;
import java.net.URI;

/** Where the operator's endpoint is and the secret that signs each delivery. {@link #toString()} hides the secret. */
public record WebhookSettings(URI url, Secret secret) {
    public WebhookSettings {
        if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null) {
            throw new IpamValidationException("url", "webhook URL must be an http or https URL");
        }
        if (secret == null || secret.reveal().isBlank()) {
            throw new IpamValidationException("secret", "webhook secret is required");
        }
    }

    public static WebhookSettings of(String url, String secret) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.trim());
        } catch (IllegalArgumentException e) {
            throw new IpamValidationException("url", "webhook URL is not a valid URL");
        }
        return new WebhookSettings(uri, new Secret(secret == null ? "" : secret));
    }

    /** Path and query as signed in the canonical string; "/" when the URL has no path. */
    public String pathAndQuery() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    @Override
    public String toString() {
        return "WebhookSettings[" + url + "]";
    }
}
