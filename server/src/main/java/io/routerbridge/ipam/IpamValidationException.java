package io.routerbridge.ipam;

/** Input that cannot be accepted; {@link #field()} names the offending field. */
public class IpamValidationException extends IpamException {
    private final String field;

    public IpamValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
