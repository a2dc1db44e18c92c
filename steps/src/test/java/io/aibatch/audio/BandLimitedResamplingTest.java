package io.aibatch.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.engine.speech.PcmAudio;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Conversion to 16 kHz keeps what is below 8 kHz and removes what would fold back from above it. */
class BandLimitedResamplingTest {

    private final AudioDecoder decoder = new AudioDecoder(AudioLimits.defaults());

    @ParameterizedTest
    @ValueSource(ints = {48_000, 44_100})
    void aTwelveKilohertzToneIsRemovedAndAOneKilohertzToneKeepsItsLevel(int rate) {
        double highIn = rms(tone(rate, 12_000, 0.5, 2.0));
        double highOut = rms(decoder.decode("high.wav", wav(rate, tone(rate, 12_000, 0.5, 2.0))));
        double attenuationDb = 20 * Math.log10(highIn / Math.max(highOut, 1e-9));
        assertThat(attenuationDb)
                .as("attenuation of a 12 kHz tone converted from %d Hz", rate)
                .isGreaterThanOrEqualTo(60);

        double lowIn = rms(tone(rate, 1_000, 0.5, 2.0));
        double lowOut = rms(decoder.decode("low.wav", wav(rate, tone(rate, 1_000, 0.5, 2.0))));
        assertThat(Math.abs(20 * Math.log10(lowOut / lowIn)))
                .as("level change of a 1 kHz tone, dB")
                .isLessThanOrEqualTo(0.5);
    }

    private static short[] tone(int rate, double frequency, double amplitude, double seconds) {
        short[] samples = new short[(int) (rate * seconds)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(amplitude * Short.MAX_VALUE * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return samples;
    }

    /** RMS of the middle half, away from the edges where the filter sees silence beyond the signal. */
    private static double rms(short[] samples) {
        double sum = 0;
        int from = samples.length / 4;
        int to = samples.length * 3 / 4;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    private static double rms(PcmAudio audio) {
        assertThat(audio.converted()).isTrue();
        short[] samples = new short[(int) audio.samples()];
        ByteBuffer.wrap(audio.wav(), audio.dataOffset(), audio.dataLength())
                .order(ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer()
                .get(samples);
        return rms(samples);
    }

    private static byte[] wav(int rate, short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes())
                .putInt(36 + samples.length * 2)
                .put("WAVEfmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(rate * 2)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes())
                .putInt(samples.length * 2);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }
}
