package io.routerbridge.platform;

/**
 * One operator page of a capability, reached at {@code path} and listed under {@code title}. No module has pages
 * yet: the console that serves them comes with the pages issue, which fills this contract in.
 */
public interface Page {
    String path();

    String title();
}
