package io.routerbridge.ipam.integration.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.routerbridge.config.Secret;
import io.routerbridge.crypto.RequestSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The operator's webhook receiver on a loopback port: it checks each request's signature with the
 * shared secret (401 when it does not match), records what arrived, and answers {@link #answer}.
 */
public final class OperatorEndpoint implements AutoCloseable {
    public static final String PATH = "/hooks/ipam?source=rb";

    public record Delivery(String body, String timestamp, String nonce, String signature, boolean signatureValid) {
    }

    private final HttpServer server;
    private final RequestSigner verifier;
    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    private volatile int answer = 204;

    public OperatorEndpoint(String sharedSecret) throws IOException {
        verifier = new RequestSigner(new Secret(sharedSecret));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    public void answer(int status) {
        answer = status;
    }

    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String timestamp = exchange.getRequestHeaders().getFirst(RequestSigner.TIMESTAMP_HEADER);
        String nonce = exchange.getRequestHeaders().getFirst(RequestSigner.NONCE_HEADER);
        String signature = exchange.getRequestHeaders().getFirst(RequestSigner.SIGNATURE_HEADER);
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        boolean valid = timestamp != null && nonce != null && signature != null
                && "POST".equals(exchange.getRequestMethod())
                && verifier.matches(signature, exchange.getRequestMethod(), pathAndQuery, timestamp, nonce, body);
        deliveries.add(new Delivery(new String(body, java.nio.charset.StandardCharsets.UTF_8), timestamp, nonce,
                signature, valid));
        exchange.sendResponseHeaders(valid ? answer : 401, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
