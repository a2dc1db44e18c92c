package io.aibatch.simulator.speech;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One message of the Speech SDK's WebSocket protocol ("USP"). Text frames are HTTP-like header lines
 * ({@code Name:value}, CRLF-separated), an empty line, then a JSON body. Binary frames are a 2-byte big-endian
 * header length, the header text in the same format, then the payload (audio). Header names are compared
 * without regard to case, as the SDK's own parser does.
 *
 * @param headers header names lower-cased
 * @param body    JSON text for text frames, audio bytes for binary frames
 */
public record UspMessage(Map<String, String> headers, String text, byte[] payload) {

    public String path() {
        return headers.getOrDefault("path", "");
    }

    public String requestId() {
        return headers.getOrDefault("x-requestid", "");
    }

    /** @throws IllegalArgumentException when the frame does not have the protocol's shape */
    public static UspMessage parseText(String frame) {
        int split = frame.indexOf("\r\n\r\n");
        String head = split < 0 ? frame : frame.substring(0, split);
        String body = split < 0 ? "" : frame.substring(split + 4);
        return new UspMessage(headers(head), body, null);
    }

    public static UspMessage parseBinary(ByteBuffer frame) {
        if (frame.remaining() < 2) {
            throw new IllegalArgumentException("binary message shorter than its 2-byte header length");
        }
        int length = frame.getShort(frame.position()) & 0xFFFF;
        if (frame.remaining() < 2 + length) {
            throw new IllegalArgumentException(
                    "binary message header length " + length + " exceeds the frame (" + frame.remaining() + " bytes)");
        }
        byte[] head = new byte[length];
        frame.get(frame.position() + 2, head);
        byte[] payload = new byte[frame.remaining() - 2 - length];
        frame.get(frame.position() + 2 + length, payload);
        return new UspMessage(headers(new String(head, StandardCharsets.US_ASCII)), null, payload);
    }

    /** A service-to-client text message, headers in the order the service sends them. */
    public static String text(String path, String requestId, String jsonBody) {
        return "X-RequestId:" + requestId + "\r\n"
                + "Path:" + path + "\r\n"
                + "Content-Type:application/json; charset=utf-8\r\n"
                + "X-Timestamp:" + Instant.now() + "\r\n"
                + "\r\n" + jsonBody;
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
        }
        if (!out.containsKey("path")) {
            throw new IllegalArgumentException("message without a Path header");
        }
        return out;
    }
}
