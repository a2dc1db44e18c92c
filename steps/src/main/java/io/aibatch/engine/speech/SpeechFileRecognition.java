package io.aibatch.engine.speech;

import com.microsoft.cognitiveservices.speech.CancellationErrorCode;
import com.microsoft.cognitiveservices.speech.CancellationReason;
import com.microsoft.cognitiveservices.speech.ResultReason;
import com.microsoft.cognitiveservices.speech.SpeechConfig;
import com.microsoft.cognitiveservices.speech.SpeechRecognitionResult;
import com.microsoft.cognitiveservices.speech.SpeechRecognizer;
import com.microsoft.cognitiveservices.speech.audio.AudioConfig;
import com.microsoft.cognitiveservices.speech.audio.AudioStreamFormat;
import com.microsoft.cognitiveservices.speech.audio.PullAudioInputStream;
import com.microsoft.cognitiveservices.speech.audio.PullAudioInputStreamCallback;
import io.aibatch.engine.BackendException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file's continuous recognition, over as many connections as it takes (see {@link AzureSpeechContainerEngine}
 * for how a dropped connection is continued). Phrase offsets are kept in 100-ns ticks from the file's start.
 */
final class SpeechFileRecognition {

    private static final Logger log = LoggerFactory.getLogger(SpeechFileRecognition.class);

    private final AzureSpeechContainerEngine.Settings settings;
    private final String engineName;
    private final PcmAudio audio;
    private final Executor followUps;
    private final CompletableFuture<Transcript> result = new CompletableFuture<>();
    private final List<Transcript.Segment> segments = new ArrayList<>();
    /** End of the last phrase recognised, in ticks from the file's start: where a continuation starts. */
    private long recognisedUpTo;

    private int connections;
    private int resumes;
    private Attempt current;

    SpeechFileRecognition(
            AzureSpeechContainerEngine.Settings settings, String engineName, PcmAudio audio, Executor followUps) {
        this.settings = settings;
        this.engineName = engineName;
        this.audio = audio;
        this.followUps = followUps;
        result.whenComplete((t, e) -> {
            if (result.isCancelled()) {
                // the caller (a timeout in the resilience layer) gave up: stop the recognizer and free the connection
                followUps.execute(this::closeCurrent);
            }
        });
    }

    private long startedNanos;

    CompletableFuture<Transcript> start() {
        startedNanos = System.nanoTime();
        followUps.execute(() -> startAttempt(0));
        return result;
    }

    private void startAttempt(long fromSample) {
        Attempt attempt;
        synchronized (this) {
            if (result.isDone()) {
                return;
            }
            connections++;
            attempt = new Attempt(fromSample);
            current = attempt;
        }
        try {
            attempt.begin();
        } catch (RuntimeException e) {
            closeCurrent();
            result.completeExceptionally(BackendException.transientFailure(
                    engineName,
                    0,
                    "could not start recognition against " + settings.host() + ": " + e.getMessage(),
                    e));
        }
    }

    /**
     * Called once per attempt, when its session stopped or it was cancelled with an error. Runs on a follow-up
     * thread; the recognizer is closed outside this object's lock, because closing waits for the SDK's callback
     * threads, which take that lock.
     */
    private void attemptEnded(Attempt attempt) {
        long resumeFrom = -1;
        Transcript done = null;
        BackendException failure = null;
        synchronized (this) {
            if (attempt != current || result.isDone()) {
                return;
            }
            current = null;
            if (attempt.errorCode == null) {
                done = new Transcript(
                        Transcript.join(segments),
                        segments,
                        audio.seconds(),
                        connections,
                        (System.nanoTime() - startedNanos) / 1_000_000);
            } else {
                failure = SpeechFailures.classify(engineName, attempt.errorCode, attempt.errorDetails);
                if (failure.retryable() && attempt.phrases > 0 && resumes < settings.maxResumes()) {
                    resumes++;
                    resumeFrom = PcmAudio.sampleAtTicks(recognisedUpTo);
                    log.info(
                            "speech connection for {} s of audio lost at {} s ({}); continuing from there ({} of at most {})",
                            String.format("%.1f", audio.seconds()),
                            String.format("%.2f", recognisedUpTo / 1e7),
                            attempt.errorCode,
                            resumes,
                            settings.maxResumes());
                }
            }
        }
        attempt.close();
        if (done != null) {
            result.complete(done);
        } else if (resumeFrom >= 0) {
            startAttempt(resumeFrom);
        } else {
            result.completeExceptionally(failure);
        }
    }

    private void closeCurrent() {
        Attempt attempt;
        synchronized (this) {
            attempt = current;
            current = null;
        }
        if (attempt != null) {
            attempt.close();
        }
    }

    private synchronized void phraseRecognised(Attempt attempt, SpeechRecognitionResult r) {
        if (attempt != current || result.isDone()) {
            return;
        }
        String text = r.getText() == null ? "" : r.getText().strip();
        if (text.isEmpty()) {
            return;
        }
        long start = attempt.offsetTicks + r.getOffset().longValue();
        long end = start + r.getDuration().longValue();
        if (end <= recognisedUpTo) {
            return; // already have it: never add a phrase twice
        }
        segments.add(Transcript.Segment.ofTicks(start, end, text));
        recognisedUpTo = end;
        attempt.phrases++;
    }

    /** One recognizer on one stream of the file's audio, from {@code fromSample} to the end. */
    private final class Attempt {
        final long offsetTicks;
        final long fromSample;
        SpeechConfig config;
        PullAudioInputStream stream;
        AudioConfig audioConfig;
        SpeechRecognizer recognizer;
        CancellationErrorCode errorCode;
        String errorDetails;
        int phrases;
        boolean ended;
        boolean closed;

        Attempt(long fromSample) {
            this.fromSample = fromSample;
            this.offsetTicks = fromSample * PcmAudio.TICKS_PER_SAMPLE;
        }

        void begin() {
            config = SpeechConfig.fromHost(settings.host());
            config.setSpeechRecognitionLanguage(settings.language());
            if (settings.sdkMaxRetries() != null) {
                config.setProperty("SPEECH-Error-MaxRetryCount", Integer.toString(settings.sdkMaxRetries()));
            }
            if (settings.sendRatePercent() != null) {
                config.setProperty(
                        "SPEECH-AudioThrottleAsPercentageOfRealTime", Integer.toString(settings.sendRatePercent()));
            }
            InputStream pcm = audio.pcmFrom(fromSample);
            stream = com.microsoft.cognitiveservices.speech.audio.AudioInputStream.createPullStream(
                    new PullAudioInputStreamCallback() {
                        @Override
                        public int read(byte[] buffer) {
                            try {
                                int n = pcm.read(buffer, 0, buffer.length & ~1);
                                return Math.max(n, 0); // 0 tells the SDK the stream has ended
                            } catch (IOException e) {
                                return 0;
                            }
                        }

                        @Override
                        public void close() {
                            // the samples live in memory
                        }
                    },
                    AudioStreamFormat.getWaveFormatPCM(PcmAudio.SAMPLE_RATE, (short) 16, (short) 1));
            audioConfig = AudioConfig.fromStreamInput(stream);
            recognizer = new SpeechRecognizer(config, audioConfig);
            recognizer.recognized.addEventListener((source, e) -> {
                if (e.getResult().getReason() == ResultReason.RecognizedSpeech) {
                    phraseRecognised(this, e.getResult());
                }
            });
            recognizer.canceled.addEventListener((source, e) -> {
                if (e.getReason() == CancellationReason.Error) {
                    synchronized (SpeechFileRecognition.this) {
                        errorCode = e.getErrorCode();
                        errorDetails = e.getErrorDetails();
                    }
                    end();
                }
            });
            recognizer.sessionStopped.addEventListener((source, e) -> end());
            recognizer.startContinuousRecognitionAsync();
        }

        private void end() {
            synchronized (SpeechFileRecognition.this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            followUps.execute(() -> attemptEnded(this));
        }

        void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            try {
                // after its session ended a recognizer has nothing to stop, and stopping one whose connection
                // failed was seen to hang until the timeout
                if (recognizer != null && !ended) {
                    recognizer.stopContinuousRecognitionAsync().get(5, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                log.debug("stopping a speech recognizer failed: {}", e.toString());
            }
            closeQuietly(recognizer);
            closeQuietly(audioConfig);
            closeQuietly(stream);
            closeQuietly(config);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
