package io.routerbridge.lifecycle;

import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.provisioning.ValueNormalizer;
import io.routerbridge.whmcs.WhmcsParams;

/**
 * The product's module settings, positional as WHMCS hands them: configoption1 Mode, 2 WAN Interface, 3 Rate Limit,
 * 4 PPP Profile, 5 VPN Service Types, 6 Max VPN Users, 7 Private Subnet Size, 8 Port Forward Quota, 9 Allowed Port
 * Range, 10 Disconnect Profile. Blank values take the defaults the PHP module offers. configoption11 (once "Grace
 * Days") is retired and read by nothing: WHMCS decides when an overdue service is suspended (Automation Settings,
 * Suspend Days, and the service's override), and calls SuspendAccount then. Parameters recorded before keep a
 * {@code graceDays} field, which reading ignores.
 */
public record ProductParameters(Mode mode, String wanInterface, String rateLimit, String pppProfile,
                                String vpnServiceTypes, int maxVpnUsers, int privatePrefixLength,
                                int portForwardQuota, String allowedPortRange, String disconnectProfile) {

    public static ProductParameters from(WhmcsParams params) {
        String rateLimit = blankToNull(params.configOption(3));
        if (rateLimit != null && !ValueNormalizer.isRatePair(rateLimit)) {
            throw new InvalidInputException("configoption3 (Rate Limit) must look like 10M/50M (upload/download), not "
                    + rateLimit, "configoption3");
        }
        return new ProductParameters(
                Mode.of(params.configOption(1)),
                text(params, 2, "WAN Interface", "ether1", InputLimits.ROUTER_NAME_CHARS),
                rateLimit,
                text(params, 4, "PPP Profile", "default", InputLimits.ROUTER_NAME_CHARS),
                text(params, 5, "VPN Service Types", "l2tp", InputLimits.OPTION_CHARS),
                number(params, 6, "Max VPN Users", 5, 0, 10_000),
                number(params, 7, "Private Subnet Size", 29, 16, 30),
                number(params, 8, "Port Forward Quota", 10, 0, 10_000),
                text(params, 9, "Allowed Port Range", "1024-65535", InputLimits.OPTION_CHARS),
                text(params, 10, "Disconnect Profile", "disconnect", InputLimits.ROUTER_NAME_CHARS));
    }

    /** The PPP service a VPN user's secret gets: the one type listed, or {@code any} when several are. */
    public String pppService() {
        String[] types = vpnServiceTypes.split("\\s*,\\s*");
        return types.length == 1 && !types[0].isBlank() ? types[0].strip() : "any";
    }

    private static String text(WhmcsParams params, int option, String name, String fallback, int maxChars) {
        String value = params.configOption(option).strip();
        return value.isEmpty() ? fallback : InputLimits.name(value, "configoption" + option, name, maxChars);
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
