package io.routerbridge.lifecycle;

import io.routerbridge.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;

/**
 * What a WHMCS value may be before anything is recorded, so nothing is cut by a column or refused by the router
 * later (a cut ciphertext no longer decrypts, and the service would fail for good). Each refusal names the field.
 * Limits: our columns (ppp_username and wan_interface VARCHAR(64); an encrypted password must fit
 * ppp_password_ciphertext VARCHAR(1024), which holds about 740 bytes of plaintext) and the router's words, which
 * carry no control characters we could send through WHMCS's forms.
 */
public final class InputLimits {
    /** PPP user names: our column; RouterOS documents no shorter limit. */
    public static final int PPP_NAME_CHARS = 64;
    /** PPP passwords: well inside what the encrypted column holds; CHAP/MS-CHAP clients use far shorter ones. */
    public static final int PPP_PASSWORD_BYTES = 255;
    /** Interface and profile names. */
    public static final int ROUTER_NAME_CHARS = 64;
    /** Free-text options (service types, port range). */
    public static final int OPTION_CHARS = 255;

    private InputLimits() {
    }

    /** The value, refused when empty, too long (in characters) or holding control characters. */
    public static String name(String value, String field, String label, int maxChars) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field + " (" + label + ") is required", field);
        }
        int chars = value.codePointCount(0, value.length());
        if (chars > maxChars) {
            throw new InvalidInputException(field + " (" + label + ") is " + chars + " characters long; at most "
                    + maxChars + " are allowed", field);
        }
        requirePrintable(value, field, label);
        return value;
    }

    /** A password: 1 to {@link #PPP_PASSWORD_BYTES} bytes of UTF-8, no control characters. */
    public static String password(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field + " (password) is required", field);
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > PPP_PASSWORD_BYTES) {
            throw new InvalidInputException(field + " (password) is " + bytes + " bytes long; at most "
                    + PPP_PASSWORD_BYTES + " are allowed", field);
        }
        requirePrintable(value, field, "password");
        return value;
    }

    private static void requirePrintable(String value, String field, String label) {
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field + " (" + label + ") must not contain control characters "
                    + "(line breaks, tabs, NUL)", field);
        }
    }
}
