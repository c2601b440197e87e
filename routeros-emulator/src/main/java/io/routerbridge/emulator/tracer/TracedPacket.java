package io.routerbridge.emulator.tracer;

import io.routerbridge.emulator.ip.Ipv4;

/** The packet's header as it changes on its way through the router. */
final class TracedPacket {
    long srcAddress;
    long dstAddress;
    /** IANA protocol number, or -1 when the packet's protocol is unknown. */
    final int protocol;
    final String protocolName;
    Integer srcPort;
    Integer dstPort;
    final String inInterface;
    String outInterface;
    boolean dstNatted;

    TracedPacket(Packet packet) {
        this.srcAddress = Ipv4.require(packet.srcAddress());
        this.dstAddress = Ipv4.require(packet.dstAddress());
        if (packet.protocol() == null) {
            this.protocol = -1;
        } else {
            this.protocol = Protocols.number(packet.protocol());
            if (this.protocol < 0) {
                throw new IllegalArgumentException("unknown protocol: " + packet.protocol());
            }
        }
        this.protocolName = packet.protocol() == null ? "unknown-protocol" : packet.protocol();
        boolean hasPorts = Protocols.carriesPorts(protocol);
        this.srcPort = hasPorts ? validPort(packet.srcPort()) : null;
        this.dstPort = hasPorts ? validPort(packet.dstPort()) : null;
        this.inInterface = packet.inInterface();
    }

    private static Integer validPort(Integer port) {
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }

    boolean hasPorts() {
        return Protocols.carriesPorts(protocol);
    }

    String source() {
        return endpoint(srcAddress, srcPort);
    }

    String destination() {
        return endpoint(dstAddress, dstPort);
    }

    private static String endpoint(long address, Integer port) {
        return port == null ? Ipv4.format(address) : Ipv4.format(address) + ":" + port;
    }

    String describe() {
        return protocolName + " " + source() + " -> " + destination()
                + (inInterface == null ? " (originated by the router)" : " in " + inInterface);
    }
}
