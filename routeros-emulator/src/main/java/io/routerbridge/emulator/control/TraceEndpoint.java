package io.routerbridge.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.routerbridge.emulator.RouterOsEmulator;
import io.routerbridge.emulator.tracer.Packet;
import java.util.Set;

/** POST /trace {src, dst, protocol, srcPort, dstPort, inInterface}: the packet tracer over the current rules. */
final class TraceEndpoint {
    private static final Set<String> FIELDS = Set.of("src", "dst", "protocol", "srcPort", "dstPort", "inInterface");

    private TraceEndpoint() {
    }

    static Object trace(RouterOsEmulator emulator, JsonNode body) {
        ControlServer.allowOnly(body, FIELDS);
        Packet packet = new Packet(ControlServer.textField(body, "src", true), ControlServer.textField(body, "dst", true),
                ControlServer.textField(body, "protocol", false), port(body, "srcPort"), port(body, "dstPort"),
                ControlServer.textField(body, "inInterface", false));
        return emulator.trace(packet);
    }

    private static Integer port(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return ControlServer.intField(body, name, 0, 65535);
    }
}
