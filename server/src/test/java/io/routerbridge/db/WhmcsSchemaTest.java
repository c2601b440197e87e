package io.routerbridge.db;

import static io.routerbridge.persistence.whmcs.Tables.TBLHOSTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routerbridge.persistence.whmcs.enums.TblhostingDomainstatus;
import io.routerbridge.testsupport.TestDatabase;
import java.util.List;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Our WHMCS DDL keeps WHMCS's quirks, and our code reads such rows through jOOQ. */
class WhmcsSchemaTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void holdsEveryTableLaterCapabilitiesNeed() {
        assertThat(db.tables()).contains("tblclients", "tblhosting", "tblhostingaddons", "tblhostingconfigoptions",
                "tblproducts", "tblproductgroups", "tblservers", "tblservergroups", "tblservergroupsrel",
                "tblcustomfields", "tblcustomfieldsvalues", "tblproductconfigoptions", "tblproductconfigoptionssub",
                "tblproductconfiglinks", "tblproductconfiggroups", "tbladdons", "tbladdonmodules", "tblconfiguration",
                "tblinvoices", "tblinvoiceitems", "tbladmins", "tblmodulelog", "tblactivitylog", "tblmodulequeue");
    }

    @Test
    void textColumnsAreNotNullWithoutDefaultAndTablesAreUtf8mb3() {
        List<Record> columns = db.dsl().fetch("""
                SELECT column_name, is_nullable, column_default FROM information_schema.columns
                WHERE table_schema = ? AND table_name = 'tblhosting' AND data_type = 'text'""", db.name());
        assertThat(columns).extracting(r -> r.get(0, String.class))
                .contains("domain", "dedicatedip", "assignedips", "username", "password", "notes");
        assertThat(columns).allSatisfy(r -> {
            assertThat(r.get(1, String.class)).isEqualTo("NO");
            assertThat(r.get(2)).isNull();
        });
        assertThat(db.dsl().fetch("""
                SELECT DISTINCT table_collation FROM information_schema.tables
                WHERE table_schema = ? AND table_name LIKE 'tbl%'""", db.name()).getValues(0, String.class))
                .containsExactly("utf8mb3_unicode_ci");
    }

    @Test
    void insertsWithoutTextValuesOnlyWorkUnderWhmcsSqlMode() {
        db.execute("INSERT INTO tblhosting (userid, packageid, server) VALUES (1, 2, 3)");
        Record row = db.dsl().fetchOne("SELECT domainstatus, dedicatedip, CAST(termination_date AS CHAR), "
                + "CAST(lastupdate AS CHAR) FROM tblhosting WHERE userid = 1");
        assertThat(row.get(0, String.class)).isEqualTo("Pending");
        assertThat(row.get(1, String.class)).isEmpty();
        assertThat(row.get(2, String.class)).isEqualTo("0000-00-00");
        assertThat(row.get(3, String.class)).isEqualTo("0000-00-00 00:00:00");

        assertThatThrownBy(() -> db.execute("SET SESSION sql_mode='STRICT_ALL_TABLES'; "
                + "INSERT INTO tblhosting (userid) VALUES (2)"))
                .hasMessageContaining("doesn't have a default value");
    }

    @Test
    void generatedClassesReadZeroDatesAndTheStatusEnum() {
        db.execute("INSERT INTO tblhosting (id, userid, domain, domainstatus, dedicatedip, assignedips) "
                + "VALUES (77, 1, 'a.example', 'Suspended', '198.51.100.7', '198.51.100.8\\n198.51.100.9')");
        var row = db.dsl().selectFrom(TBLHOSTING).where(TBLHOSTING.ID.eq(77)).fetchOne();

        assertThat(row.getDomainstatus()).isEqualTo(TblhostingDomainstatus.Suspended);
        assertThat(row.getTerminationDate()).as("zero date reads as null").isNull();
        assertThat(row.getAssignedips().split("\n")).containsExactly("198.51.100.8", "198.51.100.9");

        db.dsl().update(TBLHOSTING).set(TBLHOSTING.DEDICATEDIP, "203.0.113.5").where(TBLHOSTING.ID.eq(77)).execute();
        assertThat(db.dsl().fetchValue(TBLHOSTING.DEDICATEDIP, TBLHOSTING.ID.eq(77))).isEqualTo("203.0.113.5");
    }
}
