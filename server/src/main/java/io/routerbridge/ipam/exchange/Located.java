package io.routerbridge.ipam.exchange;

/** A value read from an import file, with the line it starts on. */
record Located<T>(int line, T value) {
}
