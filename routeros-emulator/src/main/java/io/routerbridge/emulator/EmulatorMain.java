package io.routerbridge.emulator;

public final class EmulatorMain {
    public static void main(String[] args) {
        System.err.println("routeros-emulator: not implemented yet");
        System.exit(2);
    }
}
