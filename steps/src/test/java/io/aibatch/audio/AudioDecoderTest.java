package io.aibatch.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aibatch.engine.speech.PcmAudio;
import io.aibatch.pipeline.RejectedItemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AudioDecoderTest {

    private final AudioDecoder decoder = new AudioDecoder(AudioLimits.defaults());

    private PcmAudio decode(Path p) throws Exception {
        return decoder.decode(p.getFileName().toString(), Files.readAllBytes(p));
    }

    @Test
    void sampleAudioIs16kHzMonoAndPassesThroughUnchanged() throws Exception {
        assertThat(SampleAudio.files(SampleAudio.AUDIO))
                .hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(p -> {
                    byte[] bytes = Files.readAllBytes(p);
                    PcmAudio a = decoder.decode(p.getFileName().toString(), bytes);
                    assertThat(a.converted()).isFalse();
                    assertThat(a.wav()).isSameAs(bytes); // a service that knows the file by its hash still knows it
                    assertThat(a.seconds()).as(p.toString()).isBetween(3.0, p.equals(SampleAudio.LONG) ? 90.0 : 15.0);
                });
        assertThat(decode(SampleAudio.LONG).seconds()).isGreaterThan(60);
    }

    @Test
    void otherSampleRatesAndStereoAreConvertedKeepingTheDuration() throws Exception {
        PcmAudio stereo = decode(SampleAudio.OTHER_FORMATS.resolve("stereo-44k1.wav"));
        assertThat(stereo.converted()).isTrue();
        assertThat(stereo.source().description()).isEqualTo("PCM 44100 Hz, 16 bit, 2 channels");
        assertThat(stereo.seconds()).isCloseTo(142236 / 44100.0, within(0.01));
        assertThat(stereo.dataOffset()).isEqualTo(44);
        PcmAudio again = new AudioDecoder(AudioLimits.defaults()).decode("x.wav", stereo.wav());
        assertThat(again.converted()).isFalse(); // what we send is itself 16 kHz mono PCM
        PcmAudio narrow = decode(SampleAudio.OTHER_FORMATS.resolve("mono-8k.wav"));
        assertThat(narrow.converted()).isTrue();
        assertThat(narrow.seconds()).isCloseTo(24733 / 8000.0, within(0.01));
    }

    @Test
    void badAudioIsRejectedWithACodeAndAReason() {
        assertRejected("empty.wav", "empty-file", "empty");
        assertRejected("not-audio.wav", "content-mismatch", "named .wav but is not audio");
        assertRejected("ms-adpcm.wav", "unsupported-audio", "MS ADPCM");
        assertRejected("header-only.wav", "no-audio", "0.000 s of audio");
    }

    @Test
    void aRejectionNeverQuotesTheFileContent() {
        byte[] environment = "KAITO_API_KEY=0123456789abcdef\nHOME=/root\n".getBytes();
        byte[] binary = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> decoder.decode("call.wav", environment))
                .hasMessageContaining("it looks like text, 42 bytes")
                .hasMessageNotContaining("KAITO")
                .hasMessageNotContaining("0123");
        assertThatThrownBy(() -> decoder.decode("call.wav", binary))
                .hasMessageContaining("binary data of an unrecognised kind, 12 bytes")
                .hasMessageNotContaining("7f 45")
                .hasMessageNotContaining("ELF");
    }

    @Test
    void otherContainersAndLimitsAreRejected() {
        byte[] flac = "fLaC\0\0\0\"".getBytes();
        assertThatThrownBy(() -> decoder.decode("a.flac", flac))
                .isInstanceOfSatisfying(
                        RejectedItemException.class, e -> assertThat(e.code()).isEqualTo("unsupported-audio"))
                .hasMessageContaining("FLAC")
                .hasMessageContaining("ffmpeg");
        AudioDecoder strict = new AudioDecoder(new AudioLimits(1_000_000, 5, 0.1));
        assertThatThrownBy(() ->
                        strict.decode("long.wav", Files.readAllBytes(SampleAudio.AUDIO.resolve("insurance-claim.wav"))))
                .isInstanceOfSatisfying(
                        RejectedItemException.class, e -> assertThat(e.code()).isEqualTo("too-long"));
        assertThatThrownBy(() -> strict.decode("big.wav", Files.readAllBytes(SampleAudio.LONG)))
                .isInstanceOfSatisfying(
                        RejectedItemException.class, e -> assertThat(e.code()).isEqualTo("too-large"));
    }

    private void assertRejected(String file, String code, String reasonPart) {
        assertThatThrownBy(() -> decode(SampleAudio.BAD.resolve(file)))
                .as(file)
                .isInstanceOfSatisfying(
                        RejectedItemException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(reasonPart);
    }
}
