package io.routerbridge.lifecycle;

import io.routerbridge.errors.InvalidInputException;
import java.util.Locale;

/** The product mode (configoption1). */
public enum Mode {
    VPN_NAT("vpn-nat"),
    PPPOE("pppoe"),
    STATIC("static");

    private final String word;

    Mode(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Mode of(String word) {
        String clean = word == null || word.isBlank() ? "vpn-nat" : word.strip().toLowerCase(Locale.ROOT);
        for (Mode mode : values()) {
            if (mode.word.equals(clean)) {
                return mode;
            }
        }
        throw new InvalidInputException("configoption1 (Mode) must be vpn-nat, pppoe or static, not " + word,
                "configoption1");
    }
}
