package io.routerbridge.provisioning;

/** How the router prints a kind of value, so both sides of a comparison can be brought to one form. */
public enum ValueKind {
    /** Compared as written. */
    TEXT,
    /** {@code yes/no/true/false}; the API prints {@code true/false}. */
    BOOLEAN,
    /** {@code upload/download} rates; {@code 10M/10M} is printed {@code 10000000/10000000}. */
    RATE_PAIR,
    /** An interface address {@code ip[/len]}; without a length it is a host address (/32, /128). Host bits kept. */
    INTERFACE_ADDRESS,
    /** A single IP, prefix or range, optionally negated with {@code !}; a host prefix equals the plain IP. */
    NETWORK,
    /** A comma list of {@link #NETWORK}s (queue targets). */
    NETWORK_LIST,
    /** A protocol name or number. */
    PROTOCOL
}
