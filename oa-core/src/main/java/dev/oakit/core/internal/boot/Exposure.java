package dev.oakit.core.internal.boot;

import java.util.ArrayList;
import java.util.List;

/** Which services plugins exposed. */
public final class Exposure {
    private Exposure() {
    }

    public static List<Class<?>> pluginServices(BootPlan plan) {
        List<Class<?>> s = new ArrayList<>();
        for (PluginContextImpl c : plan.contexts) {
            s.addAll(c.exposed);
        }
        return s;
    }
}
