package io.routerbridge.api;

/**
 * A key just created: the only moment its full text exists outside the caller's hands. {@link #toString()}
 * leaves the secret out, so an issued key that reaches a log line by accident does not leak.
 */
public record IssuedApiKey(ApiKey key, String text) {

    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key + ", text=<hidden>]";
    }
}
