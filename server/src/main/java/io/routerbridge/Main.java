package io.routerbridge;

public final class Main {
    public static void main(String[] args) {
        System.err.println("routerbridge: not implemented yet");
        System.exit(2);
    }
}
