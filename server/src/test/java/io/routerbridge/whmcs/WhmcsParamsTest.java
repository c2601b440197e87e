package io.routerbridge.whmcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.errors.InvalidInputException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class WhmcsParamsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WhmcsParams params(String json) throws Exception {
        return WhmcsParams.of(JSON.readTree(json));
    }

    @Test
    void readsTheKeysWhmcsSendsInEitherPhpShape() throws Exception {
        WhmcsParams p = params("""
                {"serviceid":"42","userid":7,"pid":3,"serverid":2,"serverip":"192.0.2.1","serverhostname":"",
                 "serverusername":"admin","serverpassword":"pw","serverport":"8729","serversecure":true,
                 "configoption1":"vpn-nat","configoption24":"x","customfields":{"VLAN":"100"},
                 "configoptions":{"Extra IPs":"2"},"username":"u","password":"p","domain":"d.example",
                 "clientsdetails":{"email":"a@b.example","firstname":"Ann"},"status":"Active"}""");

        assertThat(p.serviceId()).isEqualTo(42);
        assertThat(p.userId()).isEqualTo(7);
        assertThat(p.productId()).isEqualTo(3);
        assertThat(p.serverId()).isEqualTo(2);
        assertThat(p.serverHost()).isEqualTo("192.0.2.1");
        assertThat(p.serverUsername()).isEqualTo("admin");
        assertThat(p.serverPassword()).isEqualTo("pw");
        assertThat(p.serverPort()).hasValue(8729);
        assertThat(p.serverSecure()).isTrue();
        assertThat(p.configOption(1)).isEqualTo("vpn-nat");
        assertThat(p.configOption(2)).isEmpty();
        assertThat(p.configOption(24)).isEqualTo("x");
        assertThat(p.customField("VLAN")).contains("100");
        assertThat(p.configurableOption("Extra IPs")).contains("2");
        assertThat(p.username()).isEqualTo("u");
        assertThat(p.password()).isEqualTo("p");
        assertThat(p.domain()).isEqualTo("d.example");
        assertThat(p.clientDetails().string("email")).isEqualTo("a@b.example");
        assertThat(p.status()).isEqualTo("Active");
        assertThat(p.toString()).doesNotContain("pw").contains("42");
    }

    @Test
    void phpEmptyArraysAndMissingServerAreEmpty() throws Exception {
        WhmcsParams p = params("""
                {"serviceid":1,"customfields":[],"configoptions":[],"clientsdetails":[],"server":false,
                 "serverid":"","serverport":"","serversecure":""}""");

        assertThat(p.customFields()).isEmpty();
        assertThat(p.configOptions()).isEmpty();
        assertThat(p.clientDetails().has("email")).isFalse();
        assertThat(p.serverId()).isZero();
        assertThat(p.serverPort()).isEqualTo(OptionalInt.empty());
        assertThat(p.serverSecure()).isFalse();
        assertThat(WhmcsParams.of(JSON.readTree("[]")).has("serviceid")).isFalse();
    }

    @Test
    void flagsFollowPhpTruthiness() throws Exception {
        for (String yes : new String[] {"true", "1", "\"1\"", "\"on\"", "\"yes\""}) {
            assertThat(params("{\"f\":" + yes + "}").bool("f")).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "0", "\"0\"", "\"\"", "\"off\"", "null"}) {
            assertThat(params("{\"f\":" + no + "}").bool("f")).as(no).isFalse();
        }
        assertThatThrownBy(() -> params("{\"f\":\"maybe\"}").bool("f")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void missingAndInvalidValuesNameTheField() {
        assertThatThrownBy(() -> params("{}").serviceId())
                .isInstanceOf(InvalidInputException.class).hasMessage("serviceid is missing")
                .extracting(e -> ((InvalidInputException) e).field().orElseThrow()).isEqualTo("serviceid");
        assertThatThrownBy(() -> params("{\"serviceid\":\"12a\"}").serviceId())
                .hasMessage("serviceid must be a whole number");
        assertThatThrownBy(() -> params("{\"serviceid\":-1}").serviceId())
                .hasMessage("serviceid must be a positive whole number");
        assertThatThrownBy(() -> params("{\"serviceid\":1.5}").serviceId())
                .hasMessage("serviceid must be a whole number");
        assertThatThrownBy(() -> params("{\"serverport\":70000}").serverPort())
                .hasMessage("serverport must be between 1 and 65535");
        assertThatThrownBy(() -> params("{\"domain\":{\"a\":1}}").domain())
                .hasMessage("domain must be a single value, not a list or object");
        assertThatThrownBy(() -> params("{\"customfields\":\"x\"}").customFields())
                .hasMessage("customfields must be an object");
        assertThatThrownBy(() -> params("{\"a\":1}").requiredString("domain")).hasMessage("domain is missing");
        assertThatThrownBy(() -> WhmcsParams.of(JSON.readTree("\"text\"")))
                .hasMessage("request body must be a JSON object");
    }

    @Test
    void viewIsReadOnly() throws Exception {
        var json = JSON.readTree("{\"serviceid\":1}");
        WhmcsParams p = WhmcsParams.of(json);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("serviceid", 2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) p.toJson()).put("serviceid", 3);
        assertThat(p.serviceId()).isEqualTo(1);
    }
}
