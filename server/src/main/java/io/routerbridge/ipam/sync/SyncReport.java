package io.routerbridge.ipam.sync;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Everything one sync did: rows read, and one item per address token found. */
public record SyncReport(boolean liveOnly, int rows, List<SyncItem> items) {
    public Map<SyncOutcome, Integer> counts() {
        Map<SyncOutcome, Integer> counts = new EnumMap<>(SyncOutcome.class);
        for (SyncOutcome outcome : SyncOutcome.values()) {
            counts.put(outcome, 0);
        }
        items.forEach(item -> counts.merge(item.outcome(), 1, Integer::sum));
        return counts;
    }

    public int count(SyncOutcome outcome) {
        return counts().get(outcome);
    }

    /** For the job's summary: counts by outcome and the first {@code maxItems} items. */
    public Map<String, Object> summary(int maxItems) {
        Map<String, Object> outcomes = new LinkedHashMap<>();
        counts().forEach((outcome, count) -> outcomes.put(outcome.name().toLowerCase(Locale.ROOT), count));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("liveOnly", liveOnly);
        summary.put("rows", rows);
        summary.put("addresses", items.size());
        summary.put("outcomes", outcomes);
        summary.put("items", items.stream().limit(maxItems).map(item -> Map.of(
                "serviceId", item.serviceId(), "status", item.status(), "text", item.text(),
                "outcome", item.outcome().name().toLowerCase(Locale.ROOT), "detail", item.detail())).toList());
        summary.put("itemsTruncated", items.size() > maxItems);
        return summary;
    }
}
