package io.aibatch.audio;

import io.aibatch.engine.speech.PcmAudio;
import io.aibatch.simulator.config.GroundTruthConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The committed sample audio (sample-data/ at the repository root) and its transcripts. */
public final class SampleAudio {

    public static final Path ROOT =
            Path.of("..", "sample-data").toAbsolutePath().normalize();
    public static final Path AUDIO = ROOT.resolve("audio");
    public static final Path TRANSCRIPTS = ROOT.resolve("audio-transcripts");
    public static final Path OTHER_FORMATS = ROOT.resolve("audio-other-formats");
    public static final Path BAD = ROOT.resolve("bad-audio");
    public static final Path LONG = AUDIO.resolve("long-project-briefing.wav");

    private SampleAudio() {}

    public static List<Path> files(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String transcriptOf(Path wav) {
        String name = wav.getFileName().toString();
        try {
            return Files.readString(TRANSCRIPTS.resolve(name.substring(0, name.lastIndexOf('.')) + ".txt"))
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GroundTruthConfig groundTruth() {
        return new GroundTruthConfig(null, null, AUDIO, TRANSCRIPTS);
    }

    public static PcmAudio decode(Path wav) {
        try {
            return new AudioDecoder(AudioLimits.defaults())
                    .decode(wav.getFileName().toString(), Files.readAllBytes(wav));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
