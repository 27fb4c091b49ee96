package uk.crcledger.api.security;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP against the app on its port, so the tests see exactly what a client sees. */
final class SecurityHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;

    SecurityHttp(int port) {
        this.port = port;
    }

    /** A request with an optional {@code Authorization} header value and an optional JSON body. */
    HttpResponse<String> send(String method, String path, String authorization, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json, application/problem+json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String token) {
        return send("GET", path, bearer(token), null);
    }

    HttpResponse<String> post(String path, String token, String jsonBody) {
        return send("POST", path, bearer(token), jsonBody);
    }

    HttpResponse<String> delete(String path, String token) {
        return send("DELETE", path, bearer(token), null);
    }

    /** Makes a token as {@code admin}; returns the created token's JSON (with its secret). */
    JsonNode createToken(String admin, String name, String role) {
        HttpResponse<String> created = post("/api/admin/tokens", admin,
                "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
        if (created.statusCode() != 201) {
            throw new AssertionError("Token not created: " + created.statusCode() + " " + created.body());
        }
        return json(created);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String bearer(String token) {
        return token == null ? null : "Bearer " + token;
    }
}
