package io.routerbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Menus: RouterOS validation, defaults, value formats and error texts, over the API. */
class MenuBehaviourTest {
    static RouterOsEmulator emu;
    RawApiClient c;

    @BeforeAll
    static void start() {
        emu = RouterOsEmulator.start(EmulatorConfig.builder().password("pw").build());
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @BeforeEach
    void fresh() throws Exception {
        emu.reset();
        if (c != null) {
            c.close();
        }
        c = RawApiClient.login(emu.apiPort(), "admin", "pw");
    }

    private String trapOf(String... words) throws Exception {
        List<List<String>> r = c.call(words);
        assertThat(r.get(r.size() - 1)).containsExactly("!done");
        assertThat(r.get(0).get(0)).isEqualTo("!trap");
        return RawApiClient.attributes(r.get(0)).get("message");
    }

    private String add(String... words) throws Exception {
        List<List<String>> r = c.call(words);
        assertThat(r).as("reply to %s", List.of(words)).hasSize(1);
        assertThat(r.get(0).get(0)).isEqualTo("!done");
        return r.get(0).get(1).substring(5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ip address on unknown interface  | /ip/address/add;=address=10.0.0.1/24;=interface=ether9 | input does not match any value of interface
            ip address malformed             | /ip/address/add;=address=10.0.0.300;=interface=ether1 | invalid value for argument address
            ip address missing interface     | /ip/address/add;=address=10.0.0.1                     | failure: interface not specified
            secret with unknown profile      | /ppp/secret/add;=name=u;=profile=gold                  | input does not match any value of profile
            secret with bad service          | /ppp/secret/add;=name=u;=service=telnet                | input does not match any value of service
            secret remote-address pool name  | /ppp/secret/add;=name=u;=remote-address=pool1          | invalid value for argument remote-address
            nat bad action                   | /ip/firewall/nat/add;=chain=srcnat;=action=explode     | input does not match any value of action
            nat connection-state unsupported | /ip/firewall/nat/add;=chain=srcnat;=connection-state=new | unknown parameter connection-state
            filter without chain             | /ip/firewall/filter/add;=action=drop                   | failure: chain not specified
            filter port without protocol     | /ip/firewall/filter/add;=chain=forward;=dst-port=80    | failure: dst-port can be set only for tcp, udp, udp-lite, sctp or dccp protocol
            filter jump without target       | /ip/firewall/filter/add;=chain=forward;=action=jump    | failure: jump-target not specified
            filter bad in-interface          | /ip/firewall/filter/add;=chain=forward;=in-interface=!ether7 | input does not match any value of in-interface
            filter place-before missing rule | /ip/firewall/filter/add;=chain=forward;=place-before=*FFF | no such item
            queue single priority            | /queue/simple/add;=target=10.0.0.5;=priority=8          | expected value of download-priority
            queue without target             | /queue/simple/add;=name=q                              | failure: target not specified
            remove unknown id                | /ppp/secret/remove;=.id=*99                            | no such item
            malformed id                     | /ppp/secret/remove;=.id=*XYZ                           | invalid internal item number
            set read-only field              | /ip/address/set;=.id=*1;=network=1.2.3.0               | unknown parameter network
            remove builtin profile           | /ppp/profile/remove;=numbers=default                   | failure: cannot remove default profile
            remove builtin profile 2         | /ppp/profile/remove;=numbers=default-encryption        | failure: cannot remove default profile
            remove ethernet                  | /interface/remove;=numbers=ether1                      | failure: can not remove ether interface
            connection is read-only          | /ip/firewall/connection/set;=.id=*1;=timeout=1s        | no such command or directory (set)
            resource is read-only            | /system/resource/set;=cpu=x                            | no such command or directory (set)
            """)
    void errorTexts(String title, String command, String message) throws Exception {
        assertThat(trapOf(command.split(";"))).isEqualTo(message);
    }

    @Test
    void duplicateErrorTexts() throws Exception {
        add("/ip/address/add", "=address=10.0.0.1/24", "=interface=ether2");
        assertThat(trapOf("/ip/address/add", "=address=10.0.0.1/24", "=interface=ether2"))
                .isEqualTo("failure: already have such address");
        add("/ip/firewall/address-list/add", "=list=blocked", "=address=203.0.113.9");
        assertThat(trapOf("/ip/firewall/address-list/add", "=list=blocked", "=address=203.0.113.9/32"))
                .isEqualTo("failure: already have such entry");
        add("/ppp/secret/add", "=name=alice", "=password=x");
        assertThat(trapOf("/ppp/secret/add", "=name=alice", "=password=y"))
                .isEqualTo("failure: secret with the same name already exists");
        String bob = add("/ppp/secret/add", "=name=bob");
        assertThat(trapOf("/ppp/secret/set", "=.id=" + bob, "=name=alice"))
                .isEqualTo("failure: secret with the same name already exists");
        assertThat(trapOf("/interface/set", "=numbers=ether2", "=name=ether1"))
                .isEqualTo("failure: already have interface with such name");
        add("/queue/simple/add", "=name=q", "=target=10.0.0.5");
        assertThat(trapOf("/queue/simple/add", "=name=q", "=target=10.0.0.6"))
                .isEqualTo("failure: already have queue with such name");
        assertThat(emu.state().rows("/ppp/secret")).hasSize(2);
    }

    @Test
    void ipAddressDefaultsAndComputedNetwork() throws Exception {
        add("/ip/address/add", "=address=203.0.113.7", "=interface=ether1", "=comment=customer 7");
        add("/ip/address/add", "=address=10.10.5.1/22", "=interface=ether2");
        List<Map<String, String>> rows = c.rows("/ip/address/print");
        assertThat(rows.get(0)).containsEntry("address", "203.0.113.7/32").containsEntry("network", "203.0.113.7")
                .containsEntry("interface", "ether1").containsEntry("actual-interface", "ether1")
                .containsEntry("invalid", "false").containsEntry("dynamic", "false")
                .containsEntry("disabled", "false").containsEntry("comment", "customer 7");
        assertThat(rows.get(1)).containsEntry("network", "10.10.4.0").doesNotContainKey("comment");
    }

    @Test
    void firewallRulesKeepOrderAndHonourPlaceBefore() throws Exception {
        String first = add("/ip/firewall/filter/add", "=chain=forward", "=action=accept", "=comment=one");
        String three = add("/ip/firewall/filter/add", "=chain=forward", "=action=drop", "=comment=three");
        add("/ip/firewall/filter/add", "=chain=forward", "=action=accept", "=protocol=tcp", "=dst-port=80,443",
                "=comment=zero", "=place-before=" + first);
        String two = add("/ip/firewall/filter/add", "=chain=forward", "=action=reject", "=comment=two",
                "=place-before=" + three);
        assertThat(c.rows("/ip/firewall/filter/print").stream().map(r -> r.get("comment")))
                .containsExactly("zero", "one", "two", "three");
        Map<String, String> zero = c.rows("/ip/firewall/filter/print", "?comment=zero").get(0);
        assertThat(zero).containsEntry("log", "false").containsEntry("log-prefix", "").containsEntry("bytes", "0")
                .containsEntry("packets", "0").containsEntry("dst-port", "80,443").doesNotContainKey("place-before")
                .doesNotContainKey("src-address");
        c.call("/ip/firewall/filter/move", "=numbers=" + two, "=destination=" + first);
        assertThat(c.rows("/ip/firewall/filter/print").stream().map(r -> r.get("comment")))
                .containsExactly("zero", "two", "one", "three");
        c.call("/ip/firewall/filter/disable", "=numbers=" + two);
        assertThat(emu.state().row("/ip/firewall/filter", two)).containsEntry("disabled", "true");
    }

    @Test
    void natRulesForPortForwardAndSourceNat() throws Exception {
        add("/ip/firewall/nat/add", "=chain=dstnat", "=action=dst-nat", "=protocol=tcp",
                "=dst-address=203.0.113.7", "=dst-port=8080", "=to-addresses=10.0.0.5", "=to-ports=80",
                "=comment=fwd web");
        add("/ip/firewall/nat/add", "=chain=srcnat", "=action=src-nat", "=src-address=10.0.0.5",
                "=to-addresses=203.0.113.7", "=out-interface=ether1");
        List<Map<String, String>> rows = c.rows("/ip/firewall/nat/print");
        assertThat(rows.get(0)).containsEntry("to-addresses", "10.0.0.5").containsEntry("to-ports", "80")
                .containsEntry("chain", "dstnat");
        assertThat(rows.get(1)).containsEntry("action", "src-nat").containsEntry("out-interface", "ether1");
    }

    @Test
    void addressListNormalisesAndTimeoutMakesDynamic() throws Exception {
        add("/ip/firewall/address-list/add", "=list=L", "=address=203.0.113.77/24");
        add("/ip/firewall/address-list/add", "=list=L", "=address=10.0.0.0-10.0.0.255");
        add("/ip/firewall/address-list/add", "=list=L", "=address=10.9.0.1-10.9.0.5");
        add("/ip/firewall/address-list/add", "=list=L", "=address=192.0.2.1/32");
        add("/ip/firewall/address-list/add", "=list=T", "=address=198.51.100.1", "=timeout=1h");
        assertThat(c.rows("/ip/firewall/address-list/print", "?list=L").stream().map(r -> r.get("address")))
                .containsExactly("203.0.113.0/24", "10.0.0.0/24", "10.9.0.1-10.9.0.5", "192.0.2.1");
        Map<String, String> t = c.rows("/ip/firewall/address-list/print", "?list=T").get(0);
        assertThat(t).containsEntry("dynamic", "true").containsKey("creation-time");
        assertThat(t.get("timeout")).matches("(59m5\\ds|1h)");
        assertThat(c.rows("/ip/firewall/address-list/print", "?list=L").get(0)).containsEntry("dynamic", "false");
        emu.reboot(0);
        awaitPort();
        c = RawApiClient.login(emu.apiPort(), "admin", "pw");
        assertThat(c.rows("/ip/firewall/address-list/print").stream().map(r -> r.get("list")))
                .containsOnly("L").hasSize(4);
    }

    @Test
    void addressListEntriesExpire() throws Exception {
        add("/ip/firewall/address-list/add", "=list=T", "=address=198.51.100.1", "=timeout=1s");
        assertThat(c.rows("/ip/firewall/address-list/print")).hasSize(1);
        Thread.sleep(1100);
        assertThat(c.rows("/ip/firewall/address-list/print")).isEmpty();
    }

    @Test
    void queueLimitsReadBackInBitsWithReferenceDefaults() throws Exception {
        add("/queue/simple/add", "=name=q1", "=target=10.10.0.5", "=max-limit=10M/10M", "=limit-at=512k/768k");
        add("/queue/simple/add", "=target=10.10.0.6/32");
        Map<String, String> q1 = c.rows("/queue/simple/print", "?name=q1").get(0);
        assertThat(q1).containsEntry("max-limit", "10000000/10000000").containsEntry("limit-at", "512000/768000")
                .containsEntry("target", "10.10.0.5/32").containsEntry("parent", "none")
                .containsEntry("priority", "8/8").containsEntry("queue", "default-small/default-small")
                .containsEntry("burst-limit", "0/0").containsEntry("burst-threshold", "0/0")
                .containsEntry("burst-time", "0s/0s").containsEntry("bucket-size", "0.1/0.1")
                .containsEntry("packet-marks", "").containsEntry("disabled", "false")
                .containsEntry("dynamic", "false").containsEntry("invalid", "false");
        assertThat(c.rows("/queue/simple/print", "?target=10.10.0.6/32").get(0)).containsEntry("name", "queue1")
                .containsEntry("max-limit", "0/0");
        c.call("/queue/simple/set", "=numbers=q1", "=max-limit=1.5M/2G");
        assertThat(emu.state().row("/queue/simple", "q1")).containsEntry("max-limit", "1500000/2000000000");
    }

    @Test
    void pppProfilesSecretsAndActiveSessions() throws Exception {
        assertThat(c.rows("/ppp/profile/print").stream().map(r -> r.get("name")))
                .containsExactly("default", "default-encryption");
        assertThat(c.rows("/ppp/profile/print", "?name=default").get(0)).containsEntry("change-tcp-mss", "yes")
                .containsEntry("use-encryption", "no").containsEntry("only-one", "no");
        add("/ip/pool/add", "=name=vpn", "=ranges=10.20.0.2-10.20.0.254");
        add("/ppp/profile/add", "=name=suspended", "=rate-limit=1k/1k", "=address-list=suspended",
                "=remote-address=vpn");
        add("/ppp/secret/add", "=name=alice", "=password=pa", "=service=l2tp", "=profile=suspended",
                "=remote-address=10.20.0.9");
        Map<String, String> alice = c.rows("/ppp/secret/print", "?name=alice").get(0);
        assertThat(alice).containsEntry("service", "l2tp").containsEntry("profile", "suspended")
                .containsEntry("limit-bytes-in", "0").containsEntry("caller-id", "").containsEntry("routes", "")
                .doesNotContainKey("local-address");
        c.call("/ppp/profile/set", "=numbers=suspended", "=local-address=vpn");
        String session = emu.connectPppClient("alice", "l2tp", null, "198.51.100.20");
        Map<String, String> active = c.rows("/ppp/active/print", "?name=alice").get(0);
        assertThat(active).containsEntry(".id", session).containsEntry("address", "10.20.0.9")
                .containsEntry("service", "l2tp").containsEntry("caller-id", "198.51.100.20")
                .containsKey("uptime").containsKey("session-id");
        assertThat(c.rows("/interface/print", "?name=<l2tp-alice>").get(0)).containsEntry("dynamic", "true")
                .containsEntry("type", "l2tp-in");
        assertThat(c.rows("/ip/address/print", "?interface=<l2tp-alice>").get(0))
                .containsEntry("address", "10.20.0.2/32").containsEntry("network", "10.20.0.9")
                .containsEntry("dynamic", "true");
        // profile "suspended" has rate-limit=1k/1k: the session gets a dynamic queue named after its interface
        assertThat(c.rows("/queue/simple/print", "?name=<l2tp-alice>").get(0))
                .containsEntry("max-limit", "1000/1000").containsEntry("target", "<l2tp-alice>")
                .containsEntry("dynamic", "true");
        assertThat(c.call("/ppp/active/remove", "=.id=" + session)).containsExactly(List.of("!done"));
        assertThat(c.rows("/queue/simple/print")).isEmpty();
        assertThat(c.rows("/ppp/active/print")).isEmpty();
        assertThat(c.rows("/interface/print", "?name=<l2tp-alice>")).isEmpty();
        assertThat(c.rows("/ip/address/print", "?interface=<l2tp-alice>")).isEmpty();
        assertThat(c.call("/ppp/active/add", "=name=x").get(0)).contains("=message=no such command or directory (add)");
    }

    @Test
    void singletonMenus() throws Exception {
        assertThat(c.rows("/interface/l2tp-server/server/print")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("enabled", "false").containsEntry("default-profile", "default-encryption")
                .containsEntry("max-mtu", "1450").doesNotContainKey(".id"));
        assertThat(c.call("/interface/l2tp-server/server/set", "=enabled=yes", "=use-ipsec=required"))
                .containsExactly(List.of("!done"));
        assertThat(c.call("/interface/l2tp-server/server/get", "=value-name=enabled"))
                .containsExactly(List.of("!done", "=ret=true"));
        c.call("/system/identity/set", "=name=edge-1");
        assertThat(c.rows("/system/identity/print")).containsExactly(Map.of("name", "edge-1"));
        Map<String, String> res = c.rows("/system/resource/print").get(0);
        assertThat(res).containsEntry("version", "7.19 (stable)").containsEntry("board-name", "CHR")
                .containsEntry("architecture-name", "x86_64").containsKey("uptime");
    }

    @Test
    void interfacesAndRoutesPresentAtStart() throws Exception {
        List<Map<String, String>> ifs = c.rows("/interface/print");
        assertThat(ifs.stream().map(r -> r.get("name"))).containsExactly("ether1", "ether2", "ether3", "ether4");
        assertThat(ifs.get(0)).containsEntry("type", "ether").containsEntry("mtu", "1500")
                .containsEntry("running", "true").containsEntry("disabled", "false");
        assertThat(c.rows("/interface/list/member/print", "?list=WAN").get(0)).containsEntry("interface", "ether1");
        assertThat(c.rows("/ip/route/print").get(0)).containsEntry("dst-address", "0.0.0.0/0")
                .containsEntry("gateway", "ether1");
    }

    @Test
    void rebootKeepsConfigurationAndLosesRuntimeState() throws Exception {
        add("/ppp/secret/add", "=name=alice");
        emu.connectPppClient("alice", "l2tp", "10.0.0.9", "");
        emu.addConnection(Map.of("protocol", "tcp", "src-address", "10.0.0.9:5000", "dst-address", "1.1.1.1:443"));
        emu.reboot(50);
        assertThat(c.closedByServer()).isTrue();
        awaitPort();
        c = RawApiClient.login(emu.apiPort(), "admin", "pw");
        assertThat(c.rows("/ppp/secret/print")).hasSize(1);
        assertThat(c.rows("/ppp/active/print")).isEmpty();
        assertThat(c.rows("/ip/firewall/connection/print")).isEmpty();
    }

    private static void awaitPort() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", emu.apiPort())) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("API port did not come back");
    }
}
