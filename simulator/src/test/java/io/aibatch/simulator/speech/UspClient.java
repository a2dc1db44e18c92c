package io.aibatch.simulator.speech;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal client of the Speech SDK's WebSocket protocol, written from the messages the real SDK was seen to send. */
final class UspClient implements AutoCloseable {

    private final WebSocket socket;
    private final LinkedBlockingQueue<UspMessage> received;
    private final CompletableFuture<Integer> closed;

    private UspClient(WebSocket socket, LinkedBlockingQueue<UspMessage> received, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.received = received;
        this.closed = closed;
    }

    /** @throws java.util.concurrent.ExecutionException with the upgrade's failure (e.g. a 429) */
    static UspClient connect(String wsBase, String pathAndQuery) throws Exception {
        LinkedBlockingQueue<UspMessage> queue = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        StringBuilder partial = new StringBuilder();
        WebSocket ws = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .subprotocols("USP")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(wsBase + pathAndQuery), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            queue.add(UspMessage.parseText(partial.toString()));
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.complete(-1);
                    }
                })
                .get(10, TimeUnit.SECONDS);
        return new UspClient(ws, queue, closed);
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    UspMessage next(long timeoutMs) throws InterruptedException {
        return received.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Messages until (and including) turn.end, or until the timeout. */
    List<UspMessage> untilTurnEnd(long timeoutMs) throws InterruptedException {
        List<UspMessage> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            UspMessage m = next(Math.max(1, deadline - System.currentTimeMillis()));
            if (m == null) {
                break;
            }
            out.add(m);
            if (m.path().equals("turn.end")) {
                break;
            }
        }
        return out;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    void sendText(String path, String requestId, String json) {
        String headers = "X-Timestamp:2026-01-01T00:00:00.000Z\r\nPath:" + path + "\r\n"
                + (requestId == null ? "" : "X-RequestId:" + requestId + "\r\n")
                + "Content-Type:application/json\r\n\r\n";
        socket.sendText(headers + json, true).join();
    }

    void sendAudio(String requestId, byte[] payload, boolean first) {
        String headers = "X-Timestamp:2026-01-01T00:00:00.000Z\r\nPath:audio\r\n"
                + (first ? "Content-Type:audio/x-wav\r\n" : "") + "X-RequestId:" + requestId + "\r\nX-StreamId:1\r\n";
        byte[] h = headers.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(2 + h.length + payload.length);
        b.putShort((short) h.length).put(h).put(payload).flip();
        socket.sendBinary(b, true).join();
    }

    /** A whole turn as the SDK sends it: context, RIFF header, 3200-byte chunks, an empty message. */
    void sendTurn(String requestId, String contextJson, byte[] pcm) {
        sendText("speech.context", requestId, contextJson);
        sendAudio(requestId, wavHeader(), true);
        for (int at = 0; at < pcm.length; at += 3200) {
            sendAudio(requestId, java.util.Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 3200)), false);
        }
        sendAudio(requestId, new byte[0], false);
    }

    static byte[] wavHeader() {
        ByteBuffer b = ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(0)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(16000)
                .putInt(32000)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(0);
        return b.array();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
