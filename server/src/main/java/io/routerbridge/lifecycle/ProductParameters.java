package io.routerbridge.lifecycle;

import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.provisioning.ValueNormalizer;
import io.routerbridge.whmcs.WhmcsParams;

/**
 * The product's module settings, positional as WHMCS hands them: configoption1 Mode, 2 WAN Interface, 3 Rate Limit,
 * 4 PPP Profile, 5 VPN Service Types, 6 Max VPN Users, 7 Private Subnet Size, 8 Port Forward Quota, 9 Allowed Port
 * Range, 10 Disconnect Profile, 11 Grace Days. Blank values take the defaults the PHP module offers.
 */
public record ProductParameters(Mode mode, String wanInterface, String rateLimit, String pppProfile,
                                String vpnServiceTypes, int maxVpnUsers, int privatePrefixLength,
                                int portForwardQuota, String allowedPortRange, String disconnectProfile,
                                int graceDays) {

    public static ProductParameters from(WhmcsParams params) {
        String rateLimit = blankToNull(params.configOption(3));
        if (rateLimit != null && !ValueNormalizer.isRatePair(rateLimit)) {
            throw new InvalidInputException("configoption3 (Rate Limit) must look like 10M/50M (upload/download), not "
                    + rateLimit, "configoption3");
        }
        return new ProductParameters(
                Mode.of(params.configOption(1)),
                text(params, 2, "ether1"),
                rateLimit,
                text(params, 4, "default"),
                text(params, 5, "l2tp"),
                number(params, 6, "Max VPN Users", 5, 0, 10_000),
                number(params, 7, "Private Subnet Size", 29, 16, 30),
                number(params, 8, "Port Forward Quota", 10, 0, 10_000),
                text(params, 9, "1024-65535"),
                text(params, 10, "disconnect"),
                number(params, 11, "Grace Days", 0, 0, 3650));
    }

    /** The PPP service a VPN user's secret gets: the one type listed, or {@code any} when several are. */
    public String pppService() {
        String[] types = vpnServiceTypes.split("\\s*,\\s*");
        return types.length == 1 && !types[0].isBlank() ? types[0].strip() : "any";
    }

    private static String text(WhmcsParams params, int option, String fallback) {
        String value = params.configOption(option).strip();
        return value.isEmpty() ? fallback : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int number(WhmcsParams params, int option, String name, int fallback, int min, int max) {
        String value = params.configOption(option).strip();
        if (value.isEmpty()) {
            return fallback;
        }
        String field = "configoption" + option;
        try {
            int number = Integer.parseInt(value.startsWith("/") ? value.substring(1) : value);
            if (number < min || number > max) {
                throw new InvalidInputException(field + " (" + name + ") must be between " + min + " and " + max,
                        field);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field + " (" + name + ") must be a whole number, not " + value, field);
        }
    }
}
