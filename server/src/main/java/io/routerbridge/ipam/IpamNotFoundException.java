package io.routerbridge.ipam;

public class IpamNotFoundException extends IpamException {
    public IpamNotFoundException(String what, long id) {
        super(what + " " + id + " does not exist");
    }
}
