package io.routerbridge.ipam;

/** Which special addresses of a subnet are kept out of allocation. */
public record ReservationRules(boolean network, boolean gateway, boolean broadcast) {
    public static final ReservationRules DEFAULT = new ReservationRules(true, true, true);
    public static final ReservationRules NONE = new ReservationRules(false, false, false);
}
