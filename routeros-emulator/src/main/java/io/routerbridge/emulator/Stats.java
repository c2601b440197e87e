package io.routerbridge.emulator;

import java.util.List;

/**
 * Counters of the API listeners. A round trip is counted each time a connection goes from "no command
 * in flight" to "a command in flight" with a command the client sent after it had received the last
 * reply (so N pipelined commands make one round trip, N sequential ones make N).
 */
public record Stats(Counters total, List<ConnectionStats> connections) {
    public record Counters(long sentences, long commands, long roundTrips) {
    }

    public record ConnectionStats(long id, String remote, boolean tls, boolean open, long sentences, long commands,
                                  long roundTrips) {
    }
}
