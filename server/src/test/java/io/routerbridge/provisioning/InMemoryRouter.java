package io.routerbridge.provisioning;

import io.routerbridge.routeros.Sentence;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small stateful router model for the planner's tests. It stores what it is told the way RouterOS prints it
 * (booleans as true/false, rates in bits, host addresses with /32 where RouterOS adds it, defaults and counters
 * filled in, ids as *HEX, place-before honoured, duplicates refused), with its own conversions so the engine's
 * normaliser is checked against an independent model rather than against itself. Every pipeline call is one
 * round trip.
 */
final class InMemoryRouter implements RouterPort {

    private final Map<String, List<Map<String, String>>> menus = new LinkedHashMap<>();
    private int nextId = 1;
    int roundTrips;
    final List<List<Sentence>> pipelines = new ArrayList<>();

    InMemoryRouter() {
        for (Menu menu : Menu.values()) {
            menus.put(menu.path(), new ArrayList<>());
        }
        menus.put(ActualState.PPP_ACTIVE, new ArrayList<>());
        menus.put(ActualState.CONNECTIONS, new ArrayList<>());
    }

    @Override
    public List<CommandReply> pipeline(List<Sentence> sentences) {
        roundTrips++;
        pipelines.add(List.copyOf(sentences));
        List<CommandReply> replies = new ArrayList<>();
        for (Sentence sentence : sentences) {
            replies.add(execute(sentence));
        }
        return replies;
    }

    private CommandReply execute(Sentence sentence) {
        String command = sentence.path();
        int slash = command.lastIndexOf('/');
        String path = command.substring(0, slash);
        String verb = command.substring(slash + 1);
        List<Map<String, String>> rows = menus.get(path);
        if (rows == null) {
            return CommandReply.trap("no such command or directory (" + path + ")");
        }
        Map<String, String> words = new LinkedHashMap<>();
        words.putAll(sentence.attributes());
        switch (verb) {
            case "print" -> {
                List<Map<String, String>> printed = new ArrayList<>();
                for (Map<String, String> row : rows) {
                    Map<String, String> copy = new LinkedHashMap<>();
                    row.forEach((name, value) -> {
                        if (sentence.proplist().isEmpty() || sentence.proplist().contains(name)) {
                            copy.put(name, value);
                        }
                    });
                    printed.add(copy);
                }
                return CommandReply.rows(printed);
            }
            case "add" -> {
                String placeBefore = words.remove("place-before");
                int index = rows.size();
                if (placeBefore != null) {
                    index = indexOf(rows, placeBefore);
                    if (index < 0) {
                        return CommandReply.trap("no such item");
                    }
                }
                Map<String, String> row = new LinkedHashMap<>();
                row.put(".id", "*" + Integer.toHexString(nextId++).toUpperCase());
                row.putAll(defaults(path));
                words.forEach((name, value) -> row.put(name, stored(path, name, value)));
                String duplicate = duplicate(path, rows, row, null);
                if (duplicate != null) {
                    return CommandReply.trap(duplicate);
                }
                rows.add(index, row);
                return CommandReply.done(row.get(".id"));
            }
            case "set" -> {
                int index = indexOf(rows, words.remove(".id"));
                if (index < 0) {
                    return CommandReply.trap("no such item");
                }
                Map<String, String> row = new LinkedHashMap<>(rows.get(index));
                words.forEach((name, value) -> row.put(name, stored(path, name, value)));
                String duplicate = duplicate(path, rows, row, rows.get(index));
                if (duplicate != null) {
                    return CommandReply.trap(duplicate);
                }
                rows.set(index, row);
                return CommandReply.done(null);
            }
            case "remove" -> {
                String[] ids = words.getOrDefault(".id", "").split(",");
                for (String id : ids) {
                    if (indexOf(rows, id) < 0) {
                        return CommandReply.trap("no such item");
                    }
                }
                for (String id : ids) {
                    rows.remove(indexOf(rows, id));
                }
                return CommandReply.done(null);
            }
            default -> {
                return CommandReply.trap("no such command or directory (" + verb + ")");
            }
        }
    }

    // ---- what an operator or the outside world does to the router ----

    String operatorAdd(String path, String... namesAndValues) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put(".id", "*" + Integer.toHexString(nextId++).toUpperCase());
        row.putAll(defaults(path));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put(namesAndValues[i], stored(path, namesAndValues[i], namesAndValues[i + 1]));
        }
        menus.get(path).add(row);
        return row.get(".id");
    }

    void operatorSet(String path, String id, String name, String value) {
        Map<String, String> row = menus.get(path).get(indexOf(menus.get(path), id));
        row.put(name, stored(path, name, value));
    }

    void operatorRemove(String path, String id) {
        menus.get(path).remove(indexOf(menus.get(path), id));
    }

    /** Moves a row to another position, as an operator dragging rules in WinBox would. */
    void operatorMove(String path, String id, int toIndex) {
        List<Map<String, String>> rows = menus.get(path);
        Map<String, String> row = rows.remove(indexOf(rows, id));
        rows.add(Math.min(toIndex, rows.size()), row);
    }

    /** A reboot of a router whose configuration was not saved: everything of ours and theirs is gone. */
    void wipe() {
        menus.values().forEach(List::clear);
    }

    String connect(String user, String address) {
        return operatorAdd(ActualState.PPP_ACTIVE, "name", user, "service", "l2tp", "address", address);
    }

    String track(String src, String dst) {
        return operatorAdd(ActualState.CONNECTIONS, "protocol", "tcp", "src-address", src, "dst-address", dst);
    }

    List<Map<String, String>> rows(String path) {
        List<Map<String, String>> copy = new ArrayList<>();
        menus.get(path).forEach(row -> copy.add(new LinkedHashMap<>(row)));
        return copy;
    }

    List<Map<String, String>> rows(Menu menu) {
        return rows(menu.path());
    }

    /** Rows of ours (comment starting with rb:) in one menu. */
    List<Map<String, String>> marked(Menu menu) {
        return rows(menu).stream().filter(row -> row.getOrDefault("comment", "").startsWith("rb:")).toList();
    }

    /** Every row without our marker, per menu, in order: these must never change. */
    Map<String, List<Map<String, String>>> unmarked() {
        Map<String, List<Map<String, String>>> result = new LinkedHashMap<>();
        for (Menu menu : Menu.values()) {
            result.put(menu.path(), rows(menu).stream()
                    .filter(row -> !row.getOrDefault("comment", "").startsWith("rb:")).toList());
        }
        return result;
    }

    int count(String path) {
        return menus.get(path).size();
    }

    // ---- RouterOS's own way of storing values (independent of ValueNormalizer) ----

    private static String stored(String path, String name, String value) {
        if (Set.of("disabled", "log", "dynamic", "invalid").contains(name)) {
            return switch (value) {
                case "yes", "true" -> "true";
                case "no", "false" -> "false";
                default -> value;
            };
        }
        if (path.equals("/queue/simple") && Set.of("max-limit", "limit-at", "burst-limit", "burst-threshold")
                .contains(name)) {
            String[] parts = value.split("/");
            String up = toBits(parts[0]);
            return up + "/" + (parts.length > 1 ? toBits(parts[1]) : up);
        }
        if (path.equals("/queue/simple") && name.equals("target")) {
            List<String> targets = new ArrayList<>();
            for (String target : value.split(",")) {
                targets.add(target.contains("/") ? target : target + "/32");
            }
            return String.join(",", targets);
        }
        if (path.equals("/ip/address") && name.equals("address") && !value.contains("/")) {
            return value + "/32";
        }
        if (path.startsWith("/ip/firewall/") && value.endsWith("/32")) {
            return value.substring(0, value.length() - 3);
        }
        return value;
    }

    private static String toBits(String rate) {
        long multiplier = 1;
        String number = rate;
        char unit = rate.charAt(rate.length() - 1);
        if (unit == 'k' || unit == 'K') {
            multiplier = 1_000;
        } else if (unit == 'M') {
            multiplier = 1_000_000;
        } else if (unit == 'G') {
            multiplier = 1_000_000_000;
        }
        if (multiplier != 1) {
            number = rate.substring(0, rate.length() - 1);
        }
        return new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier)).toBigInteger().toString();
    }

    private static Map<String, String> defaults(String path) {
        Map<String, String> defaults = new LinkedHashMap<>();
        switch (path) {
            case "/ip/address" -> {
                defaults.put("disabled", "false");
                defaults.put("dynamic", "false");
                defaults.put("invalid", "false");
            }
            case "/ppp/secret" -> {
                defaults.put("service", "any");
                defaults.put("profile", "default");
                defaults.put("caller-id", "");
                defaults.put("routes", "");
                defaults.put("limit-bytes-in", "0");
                defaults.put("limit-bytes-out", "0");
                defaults.put("disabled", "false");
            }
            case "/queue/simple" -> {
                defaults.put("parent", "none");
                defaults.put("packet-marks", "");
                defaults.put("priority", "8/8");
                defaults.put("queue", "default-small/default-small");
                defaults.put("limit-at", "0/0");
                defaults.put("max-limit", "0/0");
                defaults.put("burst-limit", "0/0");
                defaults.put("burst-threshold", "0/0");
                defaults.put("burst-time", "0s/0s");
                defaults.put("bytes", "0/0");
                defaults.put("disabled", "false");
                defaults.put("dynamic", "false");
                defaults.put("invalid", "false");
            }
            case "/ip/firewall/address-list" -> {
                defaults.put("disabled", "false");
                defaults.put("dynamic", "false");
                defaults.put("creation-time", "2026-11-22 02:00:00");
            }
            case "/ip/firewall/filter", "/ip/firewall/nat" -> {
                defaults.put("bytes", "0");
                defaults.put("packets", "0");
                defaults.put("disabled", "false");
                defaults.put("dynamic", "false");
                defaults.put("invalid", "false");
                defaults.put("log", "false");
                defaults.put("log-prefix", "");
            }
            default -> {
            }
        }
        return defaults;
    }

    private static String duplicate(String path, List<Map<String, String>> rows, Map<String, String> row,
                                    Map<String, String> except) {
        List<String> key = switch (path) {
            case "/ppp/secret", "/queue/simple" -> List.of("name");
            case "/ip/address" -> List.of("address");
            case "/ip/firewall/address-list" -> List.of("list", "address");
            default -> List.of();
        };
        if (key.isEmpty()) {
            return null;
        }
        for (Map<String, String> other : rows) {
            if (other == except) {
                continue;
            }
            boolean same = true;
            for (String attribute : key) {
                same &= java.util.Objects.equals(other.get(attribute), row.get(attribute));
            }
            if (same) {
                return switch (path) {
                    case "/ppp/secret" -> "failure: secret with the same name already exists";
                    case "/ip/address" -> "failure: already have such address";
                    case "/ip/firewall/address-list" -> "failure: already have such entry";
                    default -> "failure: already have queue with such name";
                };
            }
        }
        return null;
    }

    private static int indexOf(List<Map<String, String>> rows, String id) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).get(".id").equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
