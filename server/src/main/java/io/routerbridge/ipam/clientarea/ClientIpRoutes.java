package io.routerbridge.ipam.clientarea;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;

import io.javalin.http.Context;
import io.routerbridge.http.ApiRequests;
import io.routerbridge.ipam.orphans.ReleaseResult;
import io.routerbridge.whmcs.web.ClientChannel;
import io.routerbridge.whmcs.web.ClientRoutes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The client area's IP list on the signed channel: {@code GET ips} (all the client's services),
 * {@code GET services/{serviceId}/ips} and {@code DELETE services/{serviceId}/ips/{assignmentId}}.
 */
public final class ClientIpRoutes implements ClientRoutes {
    private final ClientIps ips;

    public ClientIpRoutes(ClientIps ips) {
        this.ips = ips;
    }

    @Override
    public void addClientRoutes() {
        get("/ips", ctx -> ctx.json(view(ips.of(ClientChannel.clientId(ctx)))));
    }

    @Override
    public void addServiceRoutes() {
        get("/ips", ctx -> ctx.json(view(ips.of(ClientChannel.ownedService(ctx)))));
        delete("/ips/{assignmentId}", this::unassign);
    }

    private void unassign(Context ctx) {
        ReleaseResult released = ips.unassign(ClientChannel.ownedService(ctx), ApiRequests.pathId(ctx, "assignmentId"));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("result", "success");
        view.put("assignmentId", released.assignmentId());
        view.put("serviceId", released.serviceId());
        view.put("address", released.address());
        view.put("clearedInWhmcs", released.clearedInWhmcs());
        ctx.json(view);
    }

    private static Map<String, Object> view(ClientIpList list) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("result", "success");
        view.put("clientId", list.clientId());
        view.put("unassignAllowed", list.unassignAllowed());
        view.put("services", list.services().stream().map(s -> view(s, list.unassignAllowed())).toList());
        return view;
    }

    private static Map<String, Object> view(ClientService service, boolean unassignAllowed) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("serviceId", service.serviceId());
        view.put("product", service.product());
        view.put("domain", service.domain());
        view.put("status", service.status());
        view.put("dedicatedIp", service.dedicatedIp());
        view.put("assignedIps", service.assignedIps());
        view.put("routerManaged", service.routerManaged());
        view.put("addresses", service.addresses().stream().map(address -> {
            Map<String, Object> held = new LinkedHashMap<>();
            held.put("assignmentId", address.assignmentId());
            held.put("address", address.address());
            held.put("family", address.family().name().toLowerCase(Locale.ROOT));
            held.put("prefixLength", address.prefixLength());
            held.put("assignedAt", address.assignedAt().toString());
            held.put("unassignable", unassignAllowed && !service.routerManaged());
            return held;
        }).toList());
        return view;
    }
}
