package io.routerbridge.emulator.menu;

import java.util.List;

/** A command failure: one or more `!trap` sentences (the connection always adds the `!done`). */
public final class ApiError extends RuntimeException {
    public record Trap(String message, Integer category) {
    }

    private final List<Trap> traps;

    public ApiError(List<Trap> traps) {
        super(traps.get(0).message(), null, false, false);
        this.traps = List.copyOf(traps);
    }

    public static ApiError of(String message) {
        return new ApiError(List.of(new Trap(message, null)));
    }

    public static ApiError of(String message, int category) {
        return new ApiError(List.of(new Trap(message, category)));
    }

    public static ApiError noSuchItem() {
        return of("no such item");
    }

    public static ApiError unknownParameter(String name) {
        return of("unknown parameter " + name, 1);
    }

    public static ApiError noMatch(String field) {
        return of("input does not match any value of " + field, 1);
    }

    public static ApiError invalidValue(String field) {
        return of("invalid value for argument " + field, 1);
    }

    public static ApiError unknownCommand(String lastWord) {
        return new ApiError(List.of(new Trap("no such command or directory (" + lastWord + ")", 0),
                new Trap("no such command prefix", null)));
    }

    public List<Trap> traps() {
        return traps;
    }
}
