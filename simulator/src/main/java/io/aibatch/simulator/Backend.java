package io.aibatch.simulator;

/**
 * The simulated services. Each one has its own capacity model, fault injector, random stream and counters,
 * exactly as separate deployments would.
 */
public enum Backend {
    /** Azure AI Vision Read 3.2 (what the Read OCR container serves). Unit: page. */
    READ("read", "page"),
    /** Azure AI Document Intelligence 2023-07-31 (prebuilt-read, prebuilt-layout). Unit: page. */
    DOC_INTEL("docIntel", "page"),
    /** KAITO-deployed vLLM, OpenAI-compatible. Unit: token (prompt + completion). Never answers 429. */
    VLLM("vllm", "token"),
    /** Azure OpenAI 2024-10-21 chat completions. Unit: token (prompt + completion). */
    AZURE_OPENAI("azureOpenAi", "token"),
    /** OpenAI-compatible /v1/audio/transcriptions. Unit: second of audio. */
    TRANSCRIPTION("transcription", "audioSecond"),
    /**
     * Azure AI Speech-to-text container: the Speech SDK's WebSocket protocol. Slots are decoders; a stream holds one
     * from its first audio to its end. Unit: second of audio decoded.
     */
    SPEECH("speech", "audioSecond");

    private final String key;
    private final String unit;

    Backend(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /** Name used in config files, the /_sim/stats JSON and the README. */
    public String key() {
        return key;
    }

    /** What one unit of service time stands for on this backend. */
    public String unit() {
        return unit;
    }

    public static Backend fromKey(String key) {
        for (Backend b : values()) {
            if (b.key.equals(key)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + key
                + "', expected one of read, docIntel, vllm, azureOpenAi, transcription, speech");
    }
}
