package io.aibatch.engine.speech;

import io.aibatch.engine.Locality;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Azure AI Speech-to-text container through the official Speech SDK: the container has no REST API, only the
 * SDK's WebSocket protocol ({@code SpeechConfig.fromHost("ws://host:5000")}). Each file is one continuous
 * recognition of the whole file (any length; the 60 s limit applies only to the cloud's short-audio REST API);
 * its phrases, with their offsets, make up the transcript.
 *
 * <p><b>Dropped connections</b> are handled at two levels, and neither re-sends audio already recognised:
 * <ol>
 *   <li>The SDK reconnects by itself and continues the stream: its next {@code speech.context} names the previous
 *       turn's service tag and the offset of the last phrase it received, it re-sends audio from there, and it
 *       shifts the new phrases' offsets. ({@code SPEECH-Error-MaxRetryCount}, see {@link Settings#sdkMaxRetries}.)</li>
 *   <li>When the SDK gives up (ConnectionFailure after its retries), this engine continues the same way: a new
 *       recognizer reads the audio from the end of the last recognised phrase, and its offsets are shifted by that
 *       point. Phrases therefore join without a gap or an overlap, and no phrase is heard twice. It continues only
 *       while each connection recognises something new ({@link Settings#maxResumes} at most); a failure without
 *       progress is classified and returned, for the resilience layer to retry the whole file.</li>
 * </ol>
 * Resuming at a phrase end was chosen over re-running the file and de-duplicating: phrase boundaries are pauses in
 * the speech, so a new stream starting there loses nothing, costs only the audio not yet recognised, and needs no
 * text matching (a re-run may segment differently, which makes de-duplication guesswork).
 */
public final class AzureSpeechContainerEngine implements TranscriptionEngine {

    /**
     * @param host          {@code ws://host:port} of the container (wss for TLS)
     * @param language      recognition language, e.g. {@code en-US}
     * @param locality      where the container runs
     * @param sdkMaxRetries the SDK's own reconnects per connection loss (null = the SDK's default, 4 today)
     * @param maxResumes    continuations this engine makes per file after the SDK gave up
     * @param sendRatePercent how fast the SDK sends audio, in percent of real time
     *                      ({@code SPEECH-AudioThrottleAsPercentageOfRealTime}; null = the SDK's default, which was
     *                      measured at about 200 %: a 75 s file then takes 35 s however fast the decoder is)
     */
    public record Settings(
            URI host,
            String language,
            Locality locality,
            Integer sdkMaxRetries,
            int maxResumes,
            Integer sendRatePercent) {

        public Settings {
            String scheme = host.getScheme() == null ? "" : host.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                throw new IllegalArgumentException(
                        "the Speech container endpoint must be ws://host:port or wss://host:port, was " + host);
            }
            if (sendRatePercent != null && sendRatePercent < 100) {
                throw new IllegalArgumentException(
                        "sendRatePercent must be at least 100 (real time), was " + sendRatePercent);
            }
            if (maxResumes < 0) {
                throw new IllegalArgumentException("maxResumes must be >= 0, was " + maxResumes);
            }
        }
    }

    private final Settings settings;
    private final String name;
    /** SDK callbacks must not block or close their own recognizer: follow-up work runs here. */
    private final ExecutorService followUps;

    public AzureSpeechContainerEngine(Settings settings) {
        this.settings = settings;
        this.name = "azure-speech-container/" + settings.language();
        AtomicInteger n = new AtomicInteger();
        this.followUps = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "speech-engine-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Locality locality() {
        return settings.locality();
    }

    Settings settings() {
        return settings;
    }

    @Override
    public CompletableFuture<Transcript> transcribe(PcmAudio audio) {
        return new SpeechFileRecognition(settings, name, audio, followUps).start();
    }

    @Override
    public void close() {
        followUps.shutdown();
    }

    @Override
    public String toString() {
        return name + " at " + settings.host() + " ("
                + settings.locality().name().toLowerCase(Locale.ROOT) + ")";
    }
}
