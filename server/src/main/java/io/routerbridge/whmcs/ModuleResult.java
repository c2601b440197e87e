package io.routerbridge.whmcs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A successful module call or hook: answered as {@code {"result":"success", ...fields}}. Failures
 * are exceptions (see io.routerbridge.errors), never a result.
 */
public record ModuleResult(Map<String, Object> fields) {
    private static final Set<String> RESERVED = Set.of("result", "error");

    public ModuleResult {
        for (String key : fields.keySet()) {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("'" + key + "' is reserved in module answers");
            }
        }
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static ModuleResult success() {
        return new ModuleResult(Map.of());
    }

    public static ModuleResult success(Map<String, ?> fields) {
        return new ModuleResult(new LinkedHashMap<>(fields));
    }

    public ModuleResult with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(key, value);
        return new ModuleResult(copy);
    }

    /** The JSON body sent back to the PHP module. */
    public Map<String, Object> toAnswer() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("result", "success");
        answer.putAll(fields);
        return answer;
    }
}
