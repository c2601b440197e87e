package io.routerbridge.whmcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.routerbridge.errors.InvalidInputException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A typed, read-only view over the WHMCS {@code $params} (or a hook's {@code $vars}) as the PHP
 * module forwards them. PHP sends numbers as numbers or strings, booleans as true/"on"/"1", and an
 * empty array as {@code []}; the accessors accept all of those. Missing or invalid values raise
 * {@link InvalidInputException} naming the field. toString never shows values (passwords travel here).
 */
public final class WhmcsParams {
    public static final int CONFIG_OPTION_COUNT = 24;

    private final ObjectNode node;

    private WhmcsParams(ObjectNode node) {
        this.node = node;
    }

    /** Accepts a JSON object, or an empty array (PHP's json_encode of an empty array). */
    public static WhmcsParams of(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode() || (json.isArray() && json.isEmpty())) {
            return new WhmcsParams(JsonNodeFactory.instance.objectNode());
        }
        if (!json.isObject()) {
            throw new InvalidInputException("request body must be a JSON object");
        }
        return new WhmcsParams(((ObjectNode) json).deepCopy());
    }

    // ---- the module parameters (reference/whmcs.md §1.3) ----

    public int serviceId() {
        return requiredPositiveInt("serviceid");
    }

    public int userId() {
        return requiredPositiveInt("userid");
    }

    public int productId() {
        return requiredPositiveInt("pid");
    }

    /** tblhosting.server; 0 when the service has no server. */
    public int serverId() {
        return optionalInt("serverid").orElse(0);
    }

    public String serverIp() {
        return string("serverip");
    }

    public String serverHostname() {
        return string("serverhostname");
    }

    /** The hostname when set, else the IP; empty when neither is. */
    public String serverHost() {
        return serverHostname().isBlank() ? serverIp().strip() : serverHostname().strip();
    }

    public String serverUsername() {
        return string("serverusername");
    }

    public String serverPassword() {
        return string("serverpassword");
    }

    public String serverAccessHash() {
        return string("serveraccesshash");
    }

    public boolean serverSecure() {
        return bool("serversecure");
    }

    /** Empty when WHMCS has no port for the server. */
    public OptionalInt serverPort() {
        OptionalInt port = optionalInt("serverport");
        if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
            throw new InvalidInputException("serverport must be between 1 and 65535", "serverport");
        }
        return port;
    }

    /** tblproducts.configoptionN (1..24); empty string when unset. */
    public String configOption(int number) {
        if (number < 1 || number > CONFIG_OPTION_COUNT) {
            throw new IllegalArgumentException("config options are numbered 1.." + CONFIG_OPTION_COUNT);
        }
        return string("configoption" + number);
    }

    /** Product custom fields by name (WHMCS already strips the "|Display name" part). */
    public Map<String, String> customFields() {
        return stringMap("customfields");
    }

    public Optional<String> customField(String name) {
        return Optional.ofNullable(customFields().get(name));
    }

    /** Configurable options: option name → chosen sub-option name (or quantity). */
    public Map<String, String> configOptions() {
        return stringMap("configoptions");
    }

    public Optional<String> configurableOption(String name) {
        return Optional.ofNullable(configOptions().get(name));
    }

    public String username() {
        return string("username");
    }

    public String password() {
        return string("password");
    }

    public String domain() {
        return string("domain");
    }

    /** tblhosting.domainstatus as WHMCS passed it (Pending, Active, Suspended, ...). */
    public String status() {
        return string("status");
    }

    public String suspendReason() {
        return string("suspendreason");
    }

    public String moduleType() {
        return string("moduletype");
    }

    /** The client's details ({@code clientsdetails}) as their own view. */
    public WhmcsParams clientDetails() {
        return nested("clientsdetails");
    }

    /** For hooks: the module parameters a PreModule or AfterModule hook receives under {@code params}. */
    public WhmcsParams params() {
        return nested("params");
    }

    // ---- generic accessors ----

    public boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** A scalar as text; empty string when absent or null. */
    public String string(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isContainerNode()) {
            throw new InvalidInputException(key + " must be a single value, not a list or object", key);
        }
        return value.asText();
    }

    public String requiredString(String key) {
        String value = string(key);
        if (value.isBlank()) {
            throw new InvalidInputException(key + " is missing", key);
        }
        return value;
    }

    /** An integer given as a JSON number or a decimal string; empty when absent, null or "". */
    public OptionalInt optionalInt(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return OptionalInt.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return OptionalInt.of(value.intValue());
        }
        if (value.isTextual()) {
            try {
                return OptionalInt.of(Integer.parseInt(value.asText().strip()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidInputException(key + " must be a whole number", key);
    }

    public int requiredInt(String key) {
        return optionalInt(key).orElseThrow(() -> new InvalidInputException(key + " is missing", key));
    }

    public int requiredPositiveInt(String key) {
        int value = requiredInt(key);
        if (value <= 0) {
            throw new InvalidInputException(key + " must be a positive whole number", key);
        }
        return value;
    }

    /** PHP truthiness for flags: true, 1, "1", "on", "yes", "true" are true; absent, "", 0, "0", false are false. */
    public boolean bool(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        if (value.isTextual()) {
            String text = value.asText().strip().toLowerCase(Locale.ROOT);
            return switch (text) {
                case "", "0", "off", "no", "false" -> false;
                case "1", "on", "yes", "true" -> true;
                default -> throw new InvalidInputException(key + " must be a yes/no value", key);
            };
        }
        throw new InvalidInputException(key + " must be a yes/no value", key);
    }

    /** A nested object (empty view when absent or an empty PHP array). */
    public WhmcsParams nested(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
            return new WhmcsParams(JsonNodeFactory.instance.objectNode());
        }
        if (!value.isObject()) {
            throw new InvalidInputException(key + " must be an object", key);
        }
        return new WhmcsParams((ObjectNode) value);
    }

    /** A map of scalars (empty when absent or an empty PHP array). */
    public Map<String, String> stringMap(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new InvalidInputException(key + " must be an object", key);
        }
        Map<String, String> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode item = field.getValue();
            if (item.isContainerNode()) {
                throw new InvalidInputException(key + "." + field.getKey() + " must be a single value", key);
            }
            map.put(field.getKey(), item.isNull() ? "" : item.asText());
        }
        return Collections.unmodifiableMap(map);
    }

    /** A copy of the underlying JSON. */
    public JsonNode toJson() {
        return node.deepCopy();
    }

    @Override
    public String toString() {
        return "WhmcsParams" + (has("serviceid") ? "[serviceid=" + string("serviceid") + "]" : "[keys=" + node.size() + "]");
    }
}
