package io.routerbridge.app;

import io.routerbridge.platform.Module;
import java.util.ArrayList;
import java.util.List;

/** The modules built so far, in order; if building one fails, those already built are closed. */
final class Modules {
    private final List<Module> built = new ArrayList<>();

    /** Adds the module, built by the caller's {@code new}, and hands it back for the modules below it. */
    <M extends Module> M add(M module) {
        built.add(module);
        return module;
    }

    List<Module> built() {
        return List.copyOf(built);
    }

    static void closeInReverse(List<Module> modules) {
        for (int i = modules.size() - 1; i >= 0; i--) {
            modules.get(i).close();
        }
    }
}
