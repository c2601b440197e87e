package io.routerbridge.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-speed rewrite of a DDL script: each separate {@code CREATE [UNIQUE] INDEX i ON t (...)} is
 * folded into t's CREATE TABLE as a KEY clause. The schema is identical, but MariaDB creates each
 * table once instead of altering it once per index (about 4x faster on a busy disk).
 */
final class SchemaScripts {
    private static final Pattern INDEX = Pattern.compile(
            "^CREATE (UNIQUE )?INDEX (\\w+) ON (\\w+) \\((.+)\\);[ \\t]*$", Pattern.MULTILINE);
    private static final Pattern JOOQ_MARKER = Pattern.compile("/\\* \\[jooq ignore (start|stop)\\] \\*/");

    private SchemaScripts() {
    }

    static String withIndexesInline(String script) {
        String text = JOOQ_MARKER.matcher(script).replaceAll("");
        Map<String, List<String>> keysByTable = new LinkedHashMap<>();
        Matcher index = INDEX.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (index.find()) {
            String table = index.group(3);
            if (!text.contains("CREATE TABLE " + table + " (")) {
                continue;
            }
            String key = (index.group(1) == null ? "KEY " : "UNIQUE KEY ") + index.group(2) + " (" + index.group(4) + ")";
            keysByTable.computeIfAbsent(table, t -> new ArrayList<>()).add(key);
            index.appendReplacement(rest, "");
        }
        index.appendTail(rest);
        String result = rest.toString();
        for (Map.Entry<String, List<String>> entry : keysByTable.entrySet()) {
            int create = result.indexOf("CREATE TABLE " + entry.getKey() + " (");
            int end = result.indexOf("\n) ENGINE", create);
            if (end < 0) {
                throw new IllegalStateException("cannot find the end of CREATE TABLE " + entry.getKey());
            }
            StringBuilder keys = new StringBuilder();
            for (String key : entry.getValue()) {
                keys.append(",\n  ").append(Matcher.quoteReplacement(key));
            }
            result = result.substring(0, end) + keys + result.substring(end);
        }
        return result;
    }
}
