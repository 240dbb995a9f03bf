package dev.synin.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends bytes exactly as given over a plain socket and reads what comes back until the server closes or goes quiet. */
public final class RawHttp {

    /** What arrived: the raw text, and whether the server closed the connection (rather than falling silent). */
    public record Exchange(String text, boolean closed) {

        /** How many responses arrived (status lines). */
        public int responses() {
            Matcher m = Pattern.compile("(?m)^HTTP/\\d\\.\\d \\d{3} ").matcher(text);
            int n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        }

        public int status() {
            Matcher m = Pattern.compile("^HTTP/\\S+ (\\d{3})").matcher(text);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }

        public String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*?)\\r?$").matcher(head());
            return m.find() ? m.group(1) : null;
        }

        public String head() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }

        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }

    private RawHttp() {
    }

    public static Exchange send(URI base, String request) {
        return send(base, request.getBytes(StandardCharsets.ISO_8859_1), 3000);
    }

    public static Exchange send(URI base, byte[] request, int quietMillis) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(quietMillis);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            boolean closed;
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    received.write(buffer, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException quiet) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            return new Exchange(received.toString(StandardCharsets.ISO_8859_1), closed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
