package io.routerbridge.crypto;

import io.routerbridge.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures of the signed channel (docs/whmcs-channel.md), for both ends. */
public final class RequestSigner {
    public static final String TIMESTAMP_HEADER = "X-RB-Timestamp";
    public static final String NONCE_HEADER = "X-RB-Nonce";
    public static final String SIGNATURE_HEADER = "X-RB-Signature";

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public RequestSigner(Secret sharedSecret) {
        this.key = new SecretKeySpec(sharedSecret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public static String canonical(String method, String pathAndQuery, String timestamp, String nonce, byte[] body) {
        return String.join("\n", method.toUpperCase(Locale.ROOT), pathAndQuery, timestamp, nonce,
                sha256Hex(body));
    }

    public String sign(String method, String pathAndQuery, String timestamp, String nonce, byte[] body) {
        return HEX.formatHex(hmac(canonical(method, pathAndQuery, timestamp, nonce, body)));
    }

    /** Constant-time comparison of a presented lowercase-hex signature with the expected one. */
    public boolean matches(String presentedHex, String method, String pathAndQuery, String timestamp, String nonce,
                           byte[] body) {
        byte[] expected = hmac(canonical(method, pathAndQuery, timestamp, nonce, body));
        byte[] presented;
        try {
            presented = HEX.parseHex(presentedHex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented);
    }

    /** The three headers that sign one request, as the PHP module sends them. */
    public Map<String, String> headersFor(String method, String pathAndQuery, byte[] body, Instant now) {
        String timestamp = Long.toString(now.getEpochSecond());
        String nonce = newNonce();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TIMESTAMP_HEADER, timestamp);
        headers.put(NONCE_HEADER, nonce);
        headers.put(SIGNATURE_HEADER, sign(method, pathAndQuery, timestamp, nonce, body));
        return headers;
    }

    public static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] hmac(String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "RequestSigner[HmacSHA256]";
    }
}
