package io.routerbridge.whmcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.errors.InvalidInputException;
import java.io.IOException;

/** Routes a verified module call or hook to the handler registered for its name. */
public final class WhmcsDispatcher {
    private final ObjectMapper json;
    private final ModuleFunctions functions;
    private final WhmcsHooks hooks;
    private final ModuleCallListener listener;

    public WhmcsDispatcher(ObjectMapper json, ModuleFunctions functions, WhmcsHooks hooks, ModuleCallListener listener) {
        this.json = json;
        this.functions = functions;
        this.hooks = hooks;
        this.listener = listener;
    }

    public ModuleResult callFunction(String function, byte[] body) {
        WhmcsHandler handler = functions.require(function);
        WhmcsParams params = parse(body);
        listener.beforeModuleCall(function, params);
        return handler.handle(params);
    }

    public ModuleResult callHook(String hook, byte[] body) {
        WhmcsHandler handler = hooks.require(hook);
        return handler.handle(parse(body));
    }

    private WhmcsParams parse(byte[] body) {
        if (body.length == 0) {
            return WhmcsParams.of(null);
        }
        try {
            return WhmcsParams.of(json.readTree(body));
        } catch (JsonProcessingException e) {
            // The location only: the parser's message could quote parts of the body, which may hold passwords.
            var location = e.getLocation();
            String where = location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            throw new InvalidInputException("request body is not valid JSON" + where);
        } catch (IOException e) {
            throw new InvalidInputException("request body could not be read");
        }
    }
}
