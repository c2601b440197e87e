package io.routerbridge.ipam.configuration.web;

import io.routerbridge.ipam.configuration.Configuration;
import java.time.Instant;
import java.util.List;

record ConfigurationView(long id, String name, Instant createdAt) {
    static ConfigurationView of(Configuration configuration) {
        return new ConfigurationView(configuration.id(), configuration.name(), configuration.createdAt());
    }

    static List<ConfigurationView> of(List<Configuration> configurations) {
        return configurations.stream().map(ConfigurationView::of).toList();
    }
}
