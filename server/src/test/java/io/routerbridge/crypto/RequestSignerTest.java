package io.routerbridge.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.config.Secret;
import io.routerbridge.testsupport.RepositoryFiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSignerTest {
    private final JsonNode vector = read("docs/signing-test-vector.json");

    @Test
    void reproducesTheSharedTestVector() {
        RequestSigner signer = new RequestSigner(new Secret(vector.get("secret").asText()));
        byte[] body = vector.get("body").asText().getBytes(StandardCharsets.UTF_8);

        assertThat(RequestSigner.sha256Hex(body)).isEqualTo(vector.get("bodySha256").asText());
        assertThat(RequestSigner.canonical(vector.get("method").asText(), vector.get("path").asText(),
                vector.get("timestamp").asText(), vector.get("nonce").asText(), body))
                .isEqualTo(vector.get("canonical").asText());
        assertThat(signer.sign(vector.get("method").asText(), vector.get("path").asText(),
                vector.get("timestamp").asText(), vector.get("nonce").asText(), body))
                .isEqualTo(vector.get("signature").asText());
    }

    @Test
    void matchesOnlyTheExactSignature() {
        RequestSigner signer = new RequestSigner(new Secret(vector.get("secret").asText()));
        byte[] body = vector.get("body").asText().getBytes(StandardCharsets.UTF_8);
        String path = vector.get("path").asText();
        String good = vector.get("signature").asText();
        String flipped = (good.charAt(0) == '0' ? "1" : "0") + good.substring(1);

        assertThat(signer.matches(good, "POST", path, "1700000000", vector.get("nonce").asText(), body)).isTrue();
        assertThat(signer.matches(flipped, "POST", path, "1700000000", vector.get("nonce").asText(), body)).isFalse();
        assertThat(signer.matches("not-hex", "POST", path, "1700000000", vector.get("nonce").asText(), body)).isFalse();
        assertThat(signer.matches(good.substring(2), "POST", path, "1700000000", vector.get("nonce").asText(), body))
                .isFalse();
        assertThat(new RequestSigner(new Secret(vector.get("secret").asText() + "x"))
                .matches(good, "POST", path, "1700000000", vector.get("nonce").asText(), body)).isFalse();
    }

    @Test
    void headersCarryAFreshNonceAndTheSigningTime() {
        RequestSigner signer = new RequestSigner(new Secret("s".repeat(40)));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> first = signer.headersFor("POST", "/whmcs/v1/module/X", body, Instant.ofEpochSecond(1234));
        Map<String, String> second = signer.headersFor("POST", "/whmcs/v1/module/X", body, Instant.ofEpochSecond(1234));

        assertThat(first.get(RequestSigner.TIMESTAMP_HEADER)).isEqualTo("1234");
        assertThat(first.get(RequestSigner.NONCE_HEADER)).matches("[0-9a-f]{32}")
                .isNotEqualTo(second.get(RequestSigner.NONCE_HEADER));
        assertThat(signer.matches(first.get(RequestSigner.SIGNATURE_HEADER), "POST", "/whmcs/v1/module/X", "1234",
                first.get(RequestSigner.NONCE_HEADER), body)).isTrue();
        assertThat(signer.toString()).doesNotContain("ssss");
    }

    private static JsonNode read(String path) {
        try {
            return new ObjectMapper().readTree(RepositoryFiles.read(path));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
