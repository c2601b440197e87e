package io.routerbridge.ipam.integration.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.crypto.CredentialCipher;
import io.routerbridge.crypto.RequestSigner;
import io.routerbridge.ipam.Assignment;
import io.routerbridge.ipam.integration.IntegrationException;
import io.routerbridge.ipam.integration.IpamIntegration;
import io.routerbridge.crypto.RequestSigner;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs each assignment and release to the operator's endpoint as JSON, signed like the WHMCS channel
 * (docs/whmcs-channel.md) with the webhook's own secret. Does nothing while no webhook is configured.
 */
public final class WebhookIntegration implements IpamIntegration {
    public static final String ASSIGNED = "ip.assigned";
    public static final String RELEASED = "ip.released";
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final WebhookSettingsRepository repository;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public WebhookIntegration(WebhookSettingsRepository repository, ObjectMapper json, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
    }

    public void configure(WebhookSettings settings) {
        repository.save(settings, clock.instant());
    }

    /** Turns the webhook off; false when none was configured. */
    public boolean disable() {
        return repository.delete();
    }

    /** The configured webhook; callers must not hand its secret out. */
    public Optional<WebhookSettings> settings() {
        return repository.load();
    }

    Optional<String> storedSecret() {
        return repository.storedSecret();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public boolean addIp(Assignment assignment) {
        return repository.load().map(settings -> deliver(settings, ASSIGNED, assignment)).orElse(false);
    }

    @Override
    public boolean removeIp(Assignment assignment) {
        return repository.load().map(settings -> deliver(settings, RELEASED, assignment)).orElse(false);
    }

    private boolean deliver(WebhookSettings settings, String event, Assignment assignment) {
        Instant now = clock.instant();
        byte[] body = body(event, assignment, now);
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url()).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        new RequestSigner(settings.secret()).headersFor("POST", settings.pathAndQuery(), body, now)
                .forEach(request::header);
        String what = event + " for " + assignment.address() + " to " + settings.url();
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new IntegrationException(name(), what + " timed out after " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new IntegrationException(name(), what + " failed: endpoint unreachable ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(name(), what + " was interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new IntegrationException(name(), what + " was refused: endpoint answered HTTP " + response.statusCode());
        }
        return true;
    }

    private byte[] body(String event, Assignment assignment, Instant at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event);
        payload.put("serviceId", assignment.serviceId());
        payload.put("address", assignment.address());
        payload.put("prefixLength", assignment.prefixLength());
        payload.put("family", assignment.family().name().toLowerCase(Locale.ROOT));
        payload.put("poolId", assignment.poolId());
        payload.put("subnetId", assignment.subnetId());
        payload.put("at", at.toString());
        try {
            return json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
