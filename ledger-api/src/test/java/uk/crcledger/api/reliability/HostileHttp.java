package uk.crcledger.api.reliability;

import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw HTTP client for hostile-input tests: any method, path (sent as given, already percent-encoded),
 * body bytes, content type and headers, and an answer that never throws (a transport failure is status 0).
 * Adapted from {@code uk.crcledger.api.web.HttpLedger}.
 */
final class HostileHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    HostileHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    record Answer(int status, Map<String, List<String>> headers, String body, String transportError) {

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return JSON.readValue(body, Map.class);
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of()).stream().findFirst().orElse(null);
        }

        String contentType() {
            return header("content-type");
        }
    }

    /**
     * @param body        null for no body
     * @param contentType null for no Content-Type header
     * @param chunked     send the body without a Content-Length (chunked transfer)
     */
    Answer send(String method, String path, String token, byte[] body, String contentType,
                Map<String, String> headers, boolean chunked) {
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (chunked) {
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(body);
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, publisher);
        } catch (IllegalArgumentException e) {
            return new Answer(0, Map.of(), "", "client refused to build request: " + e.getMessage());
        }
        try {
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
        } catch (IllegalArgumentException e) {
            return new Answer(0, Map.of(), "", "client refused a header: " + e.getMessage());
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body(), null);
        } catch (IOException e) {
            return new Answer(0, Map.of(), "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String path, String token) {
        return send("GET", path, token, null, null, Map.of(), false);
    }

    Answer postJson(String path, String token, Object body) {
        return send("POST", path, token, Json.write(body, false).getBytes(StandardCharsets.UTF_8),
                "application/json", Map.of(), false);
    }

    /** An admin-made token of the given role for a named person. */
    String token(String adminToken, String name, String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("role", role);
        Answer created = postJson("/api/admin/tokens", adminToken, body);
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create a token: " + created.status() + " " + created.body());
        }
        return (String) created.json().get("token");
    }

    /**
     * A tiny JSON writer that can write what a JSON library will not: raw tokens ({@link Raw}: 1e400,
     * NaN, duplicate keys, deep nesting) and strings with every non-ASCII char escaped (so a lone
     * surrogate arrives as the six characters {@code \ud800}).
     */
    static final class Json {

        /** Verbatim JSON text. */
        record Raw(String json) {
        }

        private Json() {
        }

        static String write(Object value, boolean asciiOnly) {
            StringBuilder out = new StringBuilder();
            write(out, value, asciiOnly);
            return out.toString();
        }

        private static void write(StringBuilder out, Object value, boolean asciiOnly) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof Raw raw) {
                out.append(raw.json());
            } else if (value instanceof String s) {
                string(out, s, asciiOnly);
            } else if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else if (value instanceof Map<?, ?> map) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, String.valueOf(e.getKey()), asciiOnly);
                    out.append(':');
                    write(out, e.getValue(), asciiOnly);
                }
                out.append('}');
            } else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(out, list.get(i), asciiOnly);
                }
                out.append(']');
            } else {
                throw new IllegalArgumentException("cannot write " + value.getClass());
            }
        }

        private static void string(StringBuilder out, String s, boolean asciiOnly) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (Character.isHighSurrogate(c) && !asciiOnly && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    out.append(c).append(s.charAt(++i));
                } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || (asciiOnly && c > 0x7e)) {
                    // Lone surrogates are always escaped: as UTF-8 bytes they would be replaced by '?'.
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }
    }
}
