package io.aibatch.audio;

import io.aibatch.engine.speech.PcmAudio;
import io.aibatch.pipeline.RejectedItemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Checks an audio input and brings it to 16 kHz mono 16-bit PCM ({@link PcmAudio}).
 *
 * <p>Policy: any uncompressed WAV (integer PCM of 8–32 bits, float, A-law, µ-law; 1 or 2 channels; 8–48 kHz) is
 * <b>converted</b> (javax.sound.sampled decodes the samples and averages the channels; {@link BandLimitedResampler}
 * changes the rate), because call recordings come as
 * 8 kHz telephony or 44.1/48 kHz stereo and refusing them would make the job useless. Everything the JDK cannot
 * decode losslessly is <b>rejected</b> with a reason and a way out: compressed WAV codecs (ADPCM, GSM, MP3-in-WAV),
 * other containers (MP3, FLAC, Ogg, MP4/M4A, WebM), and files that are not audio at all.
 */
public final class AudioDecoder {

    /** WAVE format tags the JDK decodes; see mmreg.h. 0xFFFE (extensible) carries its real tag in a sub-format. */
    private static final Map<Integer, String> DECODABLE = Map.of(1, "PCM", 3, "IEEE float", 6, "A-law", 7, "mu-law");

    private static final Map<Integer, String> KNOWN_CODECS =
            Map.of(2, "MS ADPCM", 0x11, "IMA ADPCM", 0x31, "GSM 6.10", 0x55, "MP3", 0x50, "MPEG", 0x161, "WMA");

    private final AudioLimits limits;

    public AudioDecoder(AudioLimits limits) {
        this.limits = limits;
    }

    public AudioLimits limits() {
        return limits;
    }

    public void checkSize(long size) {
        if (size > limits.maxBytes()) {
            throw new RejectedItemException(
                    "too-large",
                    "the file is %,d bytes, above the limit of %,d bytes (aibatch.audio.max-bytes)"
                            .formatted(size, limits.maxBytes()));
        }
    }

    /** @throws RejectedItemException with a code and a reason when the input cannot be used */
    public PcmAudio decode(String name, byte[] content) {
        if (content.length == 0) {
            throw new RejectedItemException("empty-file", "the file is empty (0 bytes)");
        }
        checkSize(content.length);
        WavHeader header = WavHeader.parse(name, content);
        String codec = header.codecName();
        if (!DECODABLE.containsKey(header.effectiveFormatTag())) {
            throw new RejectedItemException(
                    "unsupported-audio",
                    "the WAV file is encoded as " + codec
                            + ", which is not decoded here; convert it to PCM, e.g. 'sox in.wav -e signed-integer -b 16 -r 16000 -c 1 out.wav'");
        }
        if (header.channels() < 1
                || header.channels() > 2
                || header.sampleRate() < 8000
                || header.sampleRate() > 48000) {
            throw new RejectedItemException(
                    "unsupported-audio",
                    "the WAV file has %d channels at %d Hz; supported are 1 or 2 channels at 8–48 kHz"
                            .formatted(header.channels(), header.sampleRate()));
        }
        double seconds = header.seconds();
        if (seconds > limits.maxSeconds()) {
            throw new RejectedItemException(
                    "too-long",
                    "the audio lasts %.0f s, above the limit of %.0f s (aibatch.audio.max-seconds); split it first"
                            .formatted(seconds, limits.maxSeconds()));
        }
        if (seconds < limits.minSeconds()) {
            throw new RejectedItemException(
                    "no-audio",
                    "the WAV file holds %.3f s of audio (%d data bytes), below the minimum of %.1f s"
                            .formatted(seconds, header.dataLength(), limits.minSeconds()));
        }
        PcmAudio.SourceFormat source = new PcmAudio.SourceFormat(
                "%s %d Hz, %d bit, %d channel%s"
                        .formatted(
                                codec,
                                header.sampleRate(),
                                header.bitsPerSample(),
                                header.channels(),
                                header.channels() == 1 ? "" : "s"),
                header.sampleRate(),
                header.channels());
        if (header.isTarget()) {
            return new PcmAudio(content, header.dataOffset(), header.dataLength() & ~1, source, false);
        }
        byte[] pcm = convert(content);
        if (pcm.length < limits.minSeconds() * PcmAudio.SAMPLE_RATE * PcmAudio.BYTES_PER_SAMPLE) {
            throw new RejectedItemException(
                    "no-audio",
                    "the audio converts to %.3f s of 16 kHz PCM, below the minimum of %.1f s"
                            .formatted(pcm.length / 32000.0, limits.minSeconds()));
        }
        return new PcmAudio(wavFile(pcm), WavHeader.CANONICAL_HEADER_BYTES, pcm.length, source, true);
    }

    /**
     * The JDK decodes the sample format and averages the channels at the input's own rate; the rate itself is changed
     * by {@link BandLimitedResampler}, because the JDK's rate conversion has no anti-aliasing filter.
     */
    private static byte[] convert(byte[] content) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(content))) {
            int rate = Math.round(in.getFormat().getSampleRate());
            AudioFormat monoAtInputRate = new AudioFormat(rate, 16, 1, true, false);
            byte[] pcm;
            try (AudioInputStream mono = AudioSystem.getAudioInputStream(monoAtInputRate, in)) {
                pcm = mono.readAllBytes();
            }
            if (rate == PcmAudio.SAMPLE_RATE) {
                return pcm.length % 2 == 0 ? pcm : java.util.Arrays.copyOf(pcm, pcm.length - 1);
            }
            // read and written in place as little-endian shorts: no second copy of hours of audio
            BandLimitedResampler resampler = new BandLimitedResampler(rate, PcmAudio.SAMPLE_RATE);
            java.nio.ShortBuffer samples = ByteBuffer.wrap(pcm, 0, pcm.length & ~1)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer();
            byte[] out = new byte[resampler.outputLength(samples.limit()) * 2];
            resampler.resample(
                    samples, ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer());
            return out;
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new RejectedItemException(
                    "unsupported-audio",
                    "the WAV file could not be converted to 16 kHz mono PCM (" + e.getMessage()
                            + "); convert it with 'sox in.wav -b 16 -r 16000 -c 1 out.wav'",
                    e);
        } catch (IOException e) {
            throw new RejectedItemException("corrupt-audio", "the WAV data could not be read: " + e.getMessage(), e);
        }
    }

    /** A canonical 44-byte-header WAV file around 16 kHz mono 16-bit PCM. */
    public static byte[] wavFile(byte[] pcm) {
        ByteBuffer b = ByteBuffer.allocate(WavHeader.CANONICAL_HEADER_BYTES + pcm.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(36 + pcm.length)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(PcmAudio.SAMPLE_RATE)
                .putInt(PcmAudio.SAMPLE_RATE * 2)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(pcm.length)
                .put(pcm);
        return b.array();
    }

    /** What the RIFF header says, read without the JDK so that every refusal can name the exact problem. */
    record WavHeader(
            int formatTag,
            int subFormatTag,
            int channels,
            int sampleRate,
            int bitsPerSample,
            int blockAlign,
            int dataOffset,
            int dataLength) {

        static final int CANONICAL_HEADER_BYTES = 44;

        int effectiveFormatTag() {
            return formatTag == 0xFFFE ? subFormatTag : formatTag;
        }

        String codecName() {
            int tag = effectiveFormatTag();
            String known = DECODABLE.getOrDefault(tag, KNOWN_CODECS.get(tag));
            return known != null ? known : String.format(Locale.ROOT, "format tag 0x%04X", tag);
        }

        boolean isTarget() {
            return effectiveFormatTag() == 1
                    && channels == 1
                    && sampleRate == PcmAudio.SAMPLE_RATE
                    && bitsPerSample == 16;
        }

        double seconds() {
            return blockAlign <= 0 ? 0 : (dataLength / blockAlign) / (double) sampleRate;
        }

        static WavHeader parse(String name, byte[] b) {
            if (!(b.length >= 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE"))) {
                String other = otherContainer(b);
                if (other != null) {
                    throw new RejectedItemException(
                            "unsupported-audio",
                            "the file is " + other + " audio; only WAV is read here. " + "Convert it, e.g. 'ffmpeg -i "
                                    + name + " -ac 1 -ar 16000 out.wav'");
                }
                throw new RejectedItemException(
                        "content-mismatch",
                        "the file" + (name.toLowerCase(Locale.ROOT).endsWith(".wav") ? " is named .wav but" : "")
                                + " is not audio: it does not start with a RIFF/WAVE header (" + describe(b) + ")");
            }
            ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int at = 12;
            Integer formatTag = null;
            int subFormat = 0, channels = 0, rate = 0, bits = 0, align = 0;
            while (at + 8 <= b.length) {
                long size = buf.getInt(at + 4) & 0xFFFFFFFFL;
                if (ascii(b, at, "fmt ")) {
                    if (size < 16 || at + 8 + 16 > b.length) {
                        throw new RejectedItemException(
                                "corrupt-audio", "the WAV fmt chunk is truncated (" + size + " bytes)");
                    }
                    formatTag = buf.getShort(at + 8) & 0xFFFF;
                    channels = buf.getShort(at + 10) & 0xFFFF;
                    rate = buf.getInt(at + 12);
                    align = buf.getShort(at + 20) & 0xFFFF;
                    bits = buf.getShort(at + 22) & 0xFFFF;
                    if (formatTag == 0xFFFE && size >= 40 && at + 8 + 26 <= b.length) {
                        subFormat = buf.getShort(at + 8 + 24) & 0xFFFF; // first two bytes of the sub-format GUID
                    }
                } else if (ascii(b, at, "data")) {
                    if (formatTag == null) {
                        throw new RejectedItemException(
                                "corrupt-audio", "the WAV file has its data chunk before any fmt chunk");
                    }
                    long available = b.length - (at + 8L);
                    // streaming writers leave the size 0 or 0xFFFFFFFF: trust the bytes actually present
                    long data = size == 0 || size > available ? available : size;
                    return new WavHeader(formatTag, subFormat, channels, rate, bits, align, at + 8, (int) data);
                }
                at += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - at - 16);
            }
            throw new RejectedItemException(
                    formatTag == null ? "corrupt-audio" : "no-audio",
                    formatTag == null
                            ? "the WAV file has no fmt chunk: the header is broken"
                            : "the WAV file has a header but no data chunk: there are no samples");
        }

        private static String otherContainer(byte[] b) {
            if (ascii(b, 0, "fLaC")) {
                return "FLAC";
            }
            if (ascii(b, 0, "OggS")) {
                return "Ogg";
            }
            if (ascii(b, 0, "ID3") || (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0)) {
                return "MP3";
            }
            if (ascii(b, 4, "ftyp")) {
                return "MP4/M4A";
            }
            if (b.length > 3
                    && (b[0] & 0xFF) == 0x1A
                    && (b[1] & 0xFF) == 0x45
                    && (b[2] & 0xFF) == 0xDF
                    && (b[3] & 0xFF) == 0xA3) {
                return "WebM/Matroska";
            }
            return null;
        }

        /** By kind and size only: a reason never quotes the file's bytes. */
        private static String describe(byte[] b) {
            int n = Math.min(b.length, 64);
            int printable = 0;
            for (int i = 0; i < n; i++) {
                int c = b[i] & 0xFF;
                if (c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7F)) {
                    printable++;
                }
            }
            return (printable == n ? "it looks like text, " : "it is binary data of an unrecognised kind, ")
                    + "%,d bytes".formatted(b.length);
        }

        private static boolean ascii(byte[] b, int at, String s) {
            if (at + s.length() > b.length) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (b[at + i] != s.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
