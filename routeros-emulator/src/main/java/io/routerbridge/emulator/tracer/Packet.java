package io.routerbridge.emulator.tracer;

/**
 * The first packet of a new connection, as it arrives at the router.
 *
 * @param protocol    "tcp", "udp", "icmp", another protocol name or number, or null when unknown
 * @param inInterface the interface it arrives on; null for a packet the router itself originates
 */
public record Packet(String srcAddress, String dstAddress, String protocol,
                     Integer srcPort, Integer dstPort, String inInterface) {
}
