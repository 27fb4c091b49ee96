package uk.crcledger.api.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket, for load generation: as little client CPU
 * per request as possible (the client shares the machine with the app), blocking, one request at a
 * time. Reads {@code Content-Length} and chunked bodies, reconnects when the server closes (Tomcat
 * closes a connection after 100 requests by default). Not thread-safe: one per client thread.
 */
final class RawHttp implements AutoCloseable {

    /** A status and, when asked for, the body. */
    record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] skip = new byte[16 * 1024];
    private long connects;

    RawHttp(int port) {
        this.host = "127.0.0.1";
        this.port = port;
    }

    Response get(String path, String token, boolean keepBody) {
        return exchange("GET", path, token, null, keepBody);
    }

    Response post(String path, String token, String json, boolean keepBody) {
        return exchange("POST", path, token, json.getBytes(StandardCharsets.UTF_8), keepBody);
    }

    /** How many TCP connections this client has opened. */
    long connects() {
        return connects;
    }

    private Response exchange(String method, String path, String token, byte[] body, boolean keepBody) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nAccept: application/json\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        boolean fresh = socket == null;
        try {
            return send(headBytes, body, keepBody);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw new UncheckedIOException(method + " " + path + " failed", e);
            }
            // The server closed an idle keep-alive connection between our requests: once more, fresh.
            try {
                return send(headBytes, body, keepBody);
            } catch (IOException again) {
                close();
                throw new UncheckedIOException(method + " " + path + " failed", again);
            }
        }
    }

    private Response send(byte[] head, byte[] body, boolean keepBody) throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(120_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
            connects++;
        }
        if (body == null) {
            out.write(head);
        } else {
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            out.write(all);
        }
        out.flush();
        String statusLine = line();
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        String header;
        while (!(header = line()).isEmpty()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            }
        }
        ByteArrayOutputStream kept = keepBody ? new ByteArrayOutputStream() : null;
        if (chunked) {
            long chunk;
            while ((chunk = Long.parseLong(stripExtension(line()), 16)) > 0) {
                body(chunk, kept);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            body(length, kept);
        } else if (status != 204 && status != 304) {
            // No length: the body runs to the end of the connection.
            body(Long.MAX_VALUE, kept);
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, kept == null ? null : kept.toString(StandardCharsets.UTF_8));
    }

    private void body(long length, ByteArrayOutputStream kept) throws IOException {
        long left = length;
        while (left > 0) {
            int n = in.read(skip, 0, (int) Math.min(skip.length, left));
            if (n < 0) {
                if (length == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("The body ended " + left + " bytes early");
            }
            if (kept != null) {
                kept.write(skip, 0, n);
            }
            left -= n;
        }
    }

    private static String stripExtension(String chunkLine) {
        int semicolon = chunkLine.indexOf(';');
        return (semicolon < 0 ? chunkLine : chunkLine.substring(0, semicolon)).trim();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("The connection closed mid-response");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
