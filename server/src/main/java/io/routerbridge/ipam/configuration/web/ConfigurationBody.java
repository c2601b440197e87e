package io.routerbridge.ipam.configuration.web;

/** POST /api/v1/configurations. */
record ConfigurationBody(String name) {
}
