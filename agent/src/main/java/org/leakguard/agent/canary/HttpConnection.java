package org.leakguard.agent.canary;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 for the API, one request per connection: the request head (at most
 * {@link #MAX_HEAD} bytes) must arrive within the listener's idle time, the answer says
 * {@code Connection: close}. Two GET paths need no more; every limit stays in
 * {@link StreamListener}'s hands.
 */
final class HttpConnection implements StreamListener.Handler {
    static final int MAX_HEAD = 8192;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpApi api;

    HttpConnection(HttpApi api) {
        this.api = api;
    }

    @Override
    public void serve(Connection c) throws IOException {
        c.awaitRequest();
        String head = readHead(new java.io.BufferedInputStream(c.in(), 1024));
        c.busy();
        if (head == null) {
            write(c.out(), 400, "{\"error\":\"bad request\"}");
            return;
        }
        String[] line = head.substring(0, head.indexOf('\r')).split(" ");
        if (line.length != 3 || !line[1].startsWith("/") || !line[2].startsWith("HTTP/1.")) {
            write(c.out(), 400, "{\"error\":\"bad request line\"}");
            return;
        }
        String path = line[1].contains("?") ? line[1].substring(0, line[1].indexOf('?')) : line[1];
        HttpApi.Response r = api.handle(line[0], path);
        write(c.out(), r.status(), JSON.writeValueAsString(r.body()));
    }

    /** The request line and headers up to the blank line, or null when too long or cut short. */
    static String readHead(InputStream in) throws IOException {
        byte[] buf = new byte[MAX_HEAD];
        int n = 0;
        while (n < MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            buf[n++] = (byte) b;
            if (n >= 4 && buf[n - 4] == '\r' && buf[n - 3] == '\n' && buf[n - 2] == '\r' && buf[n - 1] == '\n') {
                return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void write(OutputStream out, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static String reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 400:
                return "Bad Request";
            case 404:
                return "Not Found";
            case 405:
                return "Method Not Allowed";
            default:
                return "Service Unavailable";
        }
    }
}
