package io.routerbridge.ipam.exchange;

/** Why a line of an import file was refused. {@code field} is null when the whole line (or file) is at fault. */
public record ImportProblem(int line, String field, String message) {
}
