package io.routerbridge.provisioning;

import java.util.List;

/**
 * Something done after the configuration changes that is not configuration itself, resolved against the
 * runtime tables read with the actual state. Sent after every change, in the same pipeline.
 */
public sealed interface Action permits Action.KickSessions, Action.DropConnections {

    /** Remove these {@code /ppp/active} sessions (users suspended, disabled or deleted). */
    record KickSessions(List<String> userNames, List<String> sessionIds) implements Action {
        public KickSessions {
            userNames = List.copyOf(userNames);
            sessionIds = List.copyOf(sessionIds);
        }
    }

    /** Remove these tracked connections, whose source or destination lies in {@code prefix}. */
    record DropConnections(String prefix, List<String> connectionIds) implements Action {
        public DropConnections {
            connectionIds = List.copyOf(connectionIds);
        }
    }
}
