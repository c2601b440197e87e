package io.routerbridge.ipam.cleaner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.persistence.jooq.tables.ModRouterbridgeIpamCleanerRun;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

import static io.routerbridge.persistence.jooq.Tables.MOD_ROUTERBRIDGE_IPAM_CLEANER_RUN;

/** The cleaner's runs in mod_routerbridge_ipam_cleaner_run, each with its report as JSON. */
public final class CleanerRunRepository {
    private static final ModRouterbridgeIpamCleanerRun R = MOD_ROUTERBRIDGE_IPAM_CLEANER_RUN;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DSLContext dsl;
    private final ObjectMapper json;

    public CleanerRunRepository(DSLContext dsl, ObjectMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    void insert(CleanerReport report) {
        try {
            dsl.insertInto(R).set(R.MODE, report.mode().name())
                    .set(R.RAN_AT, LocalDateTime.ofInstant(report.ranAt(), ZoneOffset.UTC))
                    .set(R.FOUND, report.items().size()).set(R.RELEASED, (int) report.released())
                    .set(R.REPORT, json.writeValueAsString(report.toMap())).execute();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cleaner report not serialisable", e);
        }
    }

    /** The report of the latest run. */
    Optional<Map<String, Object>> latestReport() {
        return dsl.select(R.REPORT).from(R).orderBy(R.ID.desc()).limit(1).fetchOptional(R.REPORT).map(text -> {
            try {
                return json.readValue(text, MAP);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable cleaner report", e);
            }
        });
    }
}
