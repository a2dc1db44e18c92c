package io.aibatch.simulator.speech;

import io.aibatch.simulator.audio.WavInfo;
import io.aibatch.simulator.content.ContentHash;
import io.aibatch.simulator.engine.BackendRuntime;
import io.aibatch.simulator.engine.Fault;
import io.aibatch.simulator.engine.RequestPlan;
import io.aibatch.simulator.http.Json;
import io.aibatch.simulator.http.MalformedBody;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service side of one Speech SDK connection. The client sends {@code speech.config}, then for each turn a
 * {@code speech.context} (carrying a {@code continuation} with the previous turn's service tag and the audio offset
 * to resume from, when the SDK reconnects or starts the next turn) and audio messages: the first with a RIFF header,
 * an empty one at the end of the stream. The service answers {@code turn.start}, {@code speech.startDetected},
 * {@code speech.hypothesis}, {@code speech.phrase} (RecognitionStatus Success; Offset and Duration in 100-ns ticks
 * relative to the turn's audio), {@code speech.endDetected}, a final {@code speech.phrase} with status
 * EndOfDictation at the end of the audio (which tells the SDK everything was heard), and {@code turn.end}.
 *
 * <p>Capacity: a turn holds one of the backend's slots (a decoder) from its first audio to its end and decodes at
 * {@code 1000 / perUnitMs} times real time, after {@code baseMs} of set-up (both scaled by the connection's jitter).
 * Faults, drawn once per connection: {@code drop} closes the connection without a close frame in the middle of
 * the phrase after the 1st–3rd phrase; {@code hang} accepts audio and never answers; {@code malformed} sends the
 * first phrase as broken JSON. ({@code http429} and {@code http5xx} act at the upgrade: see {@link SpeechEndpoint}.)
 */
public final class SpeechConnection implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(SpeechConnection.class);
    private static final int RATE = PhrasePlan.SAMPLE_RATE;
    private static final long TICKS_PER_SAMPLE = 10_000_000L / RATE;
    private static final long TICK_MS = 50;
    /** Audio needed before a stream is matched against known recordings. */
    private static final int IDENTIFY_SAMPLES = RATE;

    private static final int HYPOTHESIS_EVERY_SAMPLES = RATE / 2;

    private final SpeechEndpoint endpoint;
    private final BackendRuntime runtime;
    private final RequestPlan plan;
    private final double msPerAudioSecond;
    private final long setupMs;
    private final int dropAfterPhrases;
    private Session session;
    private Turn turn;
    private int phrasesSent;
    private boolean malformedSent;
    private boolean closed;

    SpeechConnection(SpeechEndpoint endpoint, RequestPlan plan) {
        this.endpoint = endpoint;
        this.runtime = endpoint.runtime();
        this.plan = plan;
        double mean = runtime.meanServiceMillis(1.0);
        double jitter = mean > 0 ? plan.serviceMillis() / mean : 1.0;
        this.msPerAudioSecond = runtime.config().perUnitMs() * jitter;
        this.setupMs = Math.round(runtime.config().baseMs() * jitter);
        SplittableRandom extra = runtime.extraRandom(plan.sequence(), 0x5EEC);
        this.dropAfterPhrases = 1 + extra.nextInt(3);
    }

    /** One recognition turn: a speech.context and the audio stream that follows it. */
    private final class Turn {
        final String requestId;
        final long clientStart; // samples: the SDK's offset of this stream's first sample
        final String previousTag;
        final String serviceTag = HexFormat.of()
                .formatHex(
                        ContentHash.sha256(java.util
                                .UUID
                                .randomUUID()
                                .toString()
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                        0,
                        16);
        short[] pcm = new short[RATE * 10];
        int received;
        boolean headerSeen;
        boolean admitted;
        boolean ended;
        boolean decoderHeld;
        boolean finished;
        long decodeStartNanos = -1;
        ScheduledFuture<?> ticker;
        PhrasePlan phrases;
        long planStart; // plan sample of this stream's first sample
        int nextPhrase;
        boolean speechStarted;
        long lastHypothesis = -HYPOTHESIS_EVERY_SAMPLES;
        long decoded;

        Turn(String requestId, long clientStart, String previousTag) {
            this.requestId = requestId;
            this.clientStart = clientStart;
            this.previousTag = previousTag;
        }

        void append(byte[] bytes, int from) {
            int n = (bytes.length - from) / 2;
            if (received + n > pcm.length) {
                pcm = Arrays.copyOf(pcm, Math.max(pcm.length * 2, received + n));
            }
            ByteBuffer.wrap(bytes, from, n * 2)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer()
                    .get(pcm, received, n);
            received += n;
        }
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public synchronized void onWebSocketText(String frame) {
        UspMessage message;
        try {
            message = UspMessage.parseText(frame);
        } catch (IllegalArgumentException e) {
            close(1007, e.getMessage());
            return;
        }
        if (message.path().equals("speech.context")) {
            if (turn != null && !turn.finished) {
                endTurn(turn); // a client that starts a new turn has given up on the old one
            }
            JsonNode context = Json.MAPPER.readTree(message.text().isBlank() ? "{}" : message.text());
            JsonNode continuation = context.path("continuation");
            String previousTag = continuation.path("previousServiceTag").asString(null);
            long offsetTicks = offsetTicks(
                    continuation.path("audio").path("streams").path("1").path("offset"));
            turn = new Turn(message.requestId(), offsetTicks / TICKS_PER_SAMPLE, previousTag);
        }
        // speech.config (client description) and telemetry need no answer
    }

    private static long offsetTicks(JsonNode offset) {
        if (offset.isNumber()) {
            return offset.asLong();
        }
        if (offset.isString()) {
            try {
                return Long.parseLong(offset.asString().strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    @Override
    public synchronized void onWebSocketBinary(ByteBuffer frame, Callback callback) {
        try {
            UspMessage message = UspMessage.parseBinary(frame);
            if (message.path().equals("audio")) {
                onAudio(message);
            }
            callback.succeed();
        } catch (IllegalArgumentException e) {
            callback.succeed();
            close(1007, e.getMessage());
        }
    }

    private void onAudio(UspMessage message) {
        if (turn == null) {
            turn = new Turn(message.requestId(), 0, null); // audio without a speech.context: a fresh turn
        }
        Turn t = turn;
        if (t.ended || t.finished) {
            return;
        }
        byte[] payload = message.payload();
        if (payload.length == 0) {
            t.ended = true;
            if (!t.admitted) {
                if (t.received == 0) {
                    answerEmpty(t); // the SDK's closing turn after everything was heard: no decoder needed
                } else {
                    admit(t);
                }
            }
            return;
        }
        int from = 0;
        if (!t.headerSeen) {
            t.headerSeen = true;
            if (WavInfo.detect(payload) == WavInfo.Container.WAV) {
                WavInfo info;
                try {
                    info = WavInfo.parse(payload.length >= 44 ? payload : Arrays.copyOf(payload, 44));
                } catch (IllegalArgumentException e) {
                    close(1007, "unreadable RIFF header: " + e.getMessage());
                    return;
                }
                if (info.channels() != 1 || info.sampleRate() != RATE || info.bitsPerSample() != 16) {
                    runtime.stats().error("unsupportedAudioFormat");
                    close(
                            1007,
                            "unsupported audio format: " + info.sampleRate() + " Hz, " + info.bitsPerSample() + " bit, "
                                    + info.channels() + " channels; the container takes 16 kHz 16-bit mono PCM");
                    return;
                }
                int data = WavInfo.dataOffset(payload);
                from = data < 0 ? payload.length : Math.min(data, payload.length);
            }
        }
        t.append(payload, from);
        if (!t.admitted && t.received > 0) {
            admit(t);
        }
    }

    private void answerEmpty(Turn t) {
        t.admitted = true;
        send("turn.start", t, Json.object().set("context", Json.object().put("serviceTag", t.serviceTag)));
        send("speech.endDetected", t, Json.object().put("Offset", 0));
        send(
                "speech.phrase",
                t,
                Json.object()
                        .put("RecognitionStatus", "EndOfDictation")
                        .put("Offset", 0)
                        .put("Duration", 0));
        send("turn.end", t, Json.object());
        t.finished = true;
    }

    /** Asks for a decoder; the turn starts when it gets one. */
    private void admit(Turn t) {
        t.admitted = true;
        runtime.stats().request();
        boolean admitted = runtime.acquireSlot(() -> {
            synchronized (SpeechConnection.this) {
                if (closed || t.finished) {
                    runtime.releaseSlot();
                    return;
                }
                t.decoderHeld = true;
                endpoint.scheduler().schedule(() -> begin(t), setupMs, TimeUnit.MILLISECONDS);
            }
        });
        if (!admitted) {
            close(1013, "all decoders are busy and the queue is full; try again later");
        }
    }

    private synchronized void begin(Turn t) {
        if (closed || t.finished) {
            return;
        }
        if (plan.fault() == Fault.HANG) {
            runtime.stats().error(Fault.HANG.key());
            return; // holds its decoder, says nothing, until the client gives up
        }
        send("turn.start", t, Json.object().set("context", Json.object().put("serviceTag", t.serviceTag)));
        t.decodeStartNanos = System.nanoTime();
        t.ticker = endpoint.scheduler().scheduleAtFixedRate(() -> tick(t), 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void tick(Turn t) {
        if (closed || t.finished) {
            return;
        }
        try {
            if (t.phrases == null && !identify(t)) {
                return;
            }
            double elapsedMs = (System.nanoTime() - t.decodeStartNanos) / 1e6;
            long capacity = msPerAudioSecond <= 0 ? Long.MAX_VALUE : (long) (elapsedMs / msPerAudioSecond * RATE);
            t.decoded = Math.min(t.received, capacity);
            emitPhrases(t);
            if (closed) {
                return;
            }
            if (t.ended && t.decoded >= t.received) {
                finish(t);
            }
        } catch (RuntimeException e) {
            LOG.warn("speech simulator failed on turn {}", t.requestId, e);
            runtime.stats().error("simulatorBug");
            close(1011, "simulator error");
        }
    }

    /** Decides what the stream is: a continuation, known audio, or unknown audio. False while too little has arrived. */
    private boolean identify(Turn t) {
        SpeechEndpoint.Continuation c = endpoint.continuation(t.previousTag);
        if (c != null) {
            t.phrases = c.plan();
            t.planStart = t.clientStart + c.planMinusClient();
        } else if (t.received >= IDENTIFY_SAMPLES || t.ended) {
            var alignment = endpoint.index().locate(t.pcm, Math.min(t.received, RATE * 5));
            if (alignment.isPresent()) {
                t.phrases = endpoint.planFor(alignment.get().audio());
                t.planStart = alignment.get().startSample();
            } else {
                t.phrases = PhrasePlan.synthetic(seedOf(t));
                t.planStart = 0;
            }
        } else {
            return false;
        }
        t.nextPhrase = t.phrases.firstPhraseFrom(t.planStart);
        endpoint.remember(t.serviceTag, new SpeechEndpoint.Continuation(t.phrases, t.planStart - t.clientStart));
        return true;
    }

    private static long seedOf(Turn t) {
        int n = Math.min(t.received, IDENTIFY_SAMPLES);
        ByteBuffer b = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(t.pcm, 0, n);
        byte[] h = ContentHash.sha256(b.array());
        return ByteBuffer.wrap(h).getLong();
    }

    private void emitPhrases(Turn t) {
        long decodedEnd = t.planStart + t.decoded;
        long streamEnd = t.planStart + t.received;
        boolean allDecoded = t.ended && t.decoded >= t.received;
        while (true) {
            PhrasePlan.Phrase p = t.phrases.phrase(t.nextPhrase);
            if (p == null || (t.ended && p.start() >= streamEnd) || p.start() >= decodedEnd) {
                break;
            }
            if (!t.speechStarted) {
                t.speechStarted = true;
                send(
                        "speech.startDetected",
                        t,
                        Json.object().put("Offset", ticks(Math.max(p.start(), t.planStart) - t.planStart)));
            }
            if (dropNow(t, p, decodedEnd)) {
                return;
            }
            PhrasePlan.Phrase whole = p.end() <= streamEnd || !t.ended ? p : p.truncatedAt(streamEnd);
            if (p.end() <= decodedEnd || (allDecoded && p.end() > streamEnd)) {
                t.nextPhrase++;
                if (whole != null) {
                    sendPhrase(t, whole);
                }
                continue;
            }
            if (decodedEnd - t.lastHypothesis >= HYPOTHESIS_EVERY_SAMPLES) {
                t.lastHypothesis = decodedEnd;
                PhrasePlan.Phrase partial = p.truncatedAt(decodedEnd);
                if (partial != null) {
                    long start = Math.max(p.start(), t.planStart);
                    send(
                            "speech.hypothesis",
                            t,
                            Json.object()
                                    .put("Text", partial.text().replaceAll("\\.$", ""))
                                    .put("Offset", ticks(start - t.planStart))
                                    .put("Duration", ticks(decodedEnd - start)));
                }
            }
            break;
        }
    }

    /** The injected drop: in the middle of the phrase after the n-th one this connection sent. */
    private boolean dropNow(Turn t, PhrasePlan.Phrase next, long decodedEnd) {
        if (plan.fault() != Fault.DROP || phrasesSent < dropAfterPhrases) {
            return false;
        }
        long cut = next.start() + (long) ((next.end() - next.start()) * 0.4);
        if (decodedEnd < cut) {
            return false;
        }
        LOG.debug("dropping connection after {} phrases", phrasesSent);
        runtime.stats().error(Fault.DROP.key());
        endTurn(t);
        closed = true;
        session.disconnect();
        return true;
    }

    private void sendPhrase(Turn t, PhrasePlan.Phrase p) {
        long start = Math.max(p.start(), t.planStart);
        ObjectNode body = Json.object()
                .put("RecognitionStatus", "Success")
                .put("Offset", ticks(start - t.planStart))
                .put("Duration", ticks(p.end() - start))
                .put("DisplayText", p.text())
                .put("Channel", 0);
        phrasesSent++;
        if (plan.fault() == Fault.MALFORMED && !malformedSent) {
            malformedSent = true;
            runtime.stats().error(Fault.MALFORMED.key());
            sendRaw(UspMessage.text(
                    "speech.phrase",
                    t.requestId,
                    new String(MalformedBody.truncate(Json.bytes(body)), java.nio.charset.StandardCharsets.UTF_8)));
            return;
        }
        send("speech.phrase", t, body);
    }

    private void finish(Turn t) {
        long end = ticks(t.received);
        send("speech.endDetected", t, Json.object().put("Offset", end));
        send(
                "speech.phrase",
                t,
                Json.object()
                        .put("RecognitionStatus", "EndOfDictation")
                        .put("Offset", end)
                        .put("Duration", 0));
        send("turn.end", t, Json.object());
        runtime.recordUnits(t.received / (double) RATE);
        endTurn(t);
    }

    private void endTurn(Turn t) {
        t.finished = true;
        if (t.ticker != null) {
            t.ticker.cancel(false);
        }
        if (t.decoderHeld) {
            t.decoderHeld = false;
            runtime.releaseSlot();
        }
    }

    private static long ticks(long samples) {
        return samples * TICKS_PER_SAMPLE;
    }

    private void send(String path, Turn t, ObjectNode body) {
        sendRaw(UspMessage.text(path, t.requestId, Json.MAPPER.writeValueAsString(body)));
    }

    private void sendRaw(String message) {
        if (!closed && session != null && session.isOpen()) {
            session.sendText(message, Callback.NOOP);
        }
    }

    private void close(int status, String reason) {
        if (turn != null && !turn.finished) {
            endTurn(turn);
        }
        closed = true;
        if (session != null && session.isOpen()) {
            session.close(status, reason, Callback.NOOP);
        }
    }

    @Override
    public synchronized void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closed = true;
        if (turn != null && !turn.finished) {
            endTurn(turn);
        }
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("speech connection error: {}", cause.toString());
        synchronized (this) {
            closed = true;
            if (turn != null && !turn.finished) {
                endTurn(turn);
            }
        }
    }
}
