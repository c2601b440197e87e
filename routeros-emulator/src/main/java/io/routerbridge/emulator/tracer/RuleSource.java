package io.routerbridge.emulator.tracer;

import java.util.List;
import java.util.Map;

/**
 * The router's tables, as RouterOS {@code print} returns them over the API: string values,
 * booleans "true"/"false", rows in table order. The tracer reads "/ip/firewall/filter",
 * "/ip/firewall/nat", "/ip/firewall/address-list", "/ip/address", "/ip/route", "/interface", and
 * "/interface/list" plus "/interface/list/member" only when a rule uses an interface-list matcher.
 * A menu the source does not know should yield an empty list.
 */
public interface RuleSource {
    List<Map<String, String>> rows(String menuPath);
}
