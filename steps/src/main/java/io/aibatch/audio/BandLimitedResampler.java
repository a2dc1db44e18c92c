package io.aibatch.audio;

/**
 * Changes the sample rate of mono 16-bit PCM with a Kaiser-windowed sinc low-pass, so that nothing above the
 * lower of the two Nyquist frequencies survives to fold back as an alias. (The JDK's converter interpolates
 * linearly with no filter: a 12 kHz tone in a 48 kHz file comes out of a 16 kHz conversion as a 4 kHz tone at
 * full strength.)
 * <p>
 * The filter passes up to 0.43 and stops from 0.5 of the lower rate with at least 80 dB attenuation; the kernel
 * is tabulated at {@value #PHASES} phases per input sample and interpolated linearly between them, so any rate
 * ratio (44.1 kHz → 16 kHz is 160/441) costs one multiply-add per tap.
 */
final class BandLimitedResampler {

    private static final int PHASES = 512;
    private static final double PASS = 0.43;
    private static final double STOP = 0.50;
    private static final double ATTENUATION_DB = 80;

    private final double step;
    private final int halfTaps;
    private final float[] kernel;

    BandLimitedResampler(int inputRate, int outputRate) {
        this.step = inputRate / (double) outputRate;
        double lower = Math.min(inputRate, outputRate);
        // band edges in cycles per input sample
        double pass = PASS * lower / inputRate;
        double stop = STOP * lower / inputRate;
        double cutoff = (pass + stop) / 2;
        double transition = 2 * Math.PI * (stop - pass);
        double beta = 0.1102 * (ATTENUATION_DB - 8.7);
        int taps = (int) Math.ceil((ATTENUATION_DB - 8) / (2.285 * transition)) + 1;
        this.halfTaps = taps / 2 + 1;
        this.kernel = new float[halfTaps * PHASES + 2];
        double i0Beta = besselI0(beta);
        for (int i = 0; i < kernel.length; i++) {
            double x = i / (double) PHASES; // distance from the centre, in input samples
            double ratio = x / halfTaps;
            double window = ratio >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - ratio * ratio)) / i0Beta;
            double sinc = x == 0 ? 1 : Math.sin(2 * Math.PI * cutoff * x) / (2 * Math.PI * cutoff * x);
            kernel[i] = (float) (2 * cutoff * sinc * window);
        }
    }

    /** The resampled signal: {@code floor(samples × outputRate / inputRate)} samples. */
    short[] resample(short[] input) {
        short[] output = new short[outputLength(input.length)];
        resample(java.nio.ShortBuffer.wrap(input), java.nio.ShortBuffer.wrap(output));
        return output;
    }

    int outputLength(int inputLength) {
        return (int) Math.floor(inputLength / step);
    }

    /** Resamples {@code input} (absolute positions) into {@code output}, which has {@link #outputLength} samples. */
    void resample(java.nio.ShortBuffer input, java.nio.ShortBuffer output) {
        int inputLength = input.limit();
        int outputLength = outputLength(inputLength);
        for (int n = 0; n < outputLength; n++) {
            double centre = n * step;
            int first = Math.max(0, (int) Math.ceil(centre - halfTaps));
            int last = Math.min(inputLength - 1, (int) Math.floor(centre + halfTaps));
            double sum = 0;
            for (int k = first; k <= last; k++) {
                double position = Math.abs(centre - k) * PHASES;
                int index = (int) position;
                double fraction = position - index;
                double h = kernel[index] + fraction * (kernel[index + 1] - kernel[index]);
                sum += input.get(k) * h;
            }
            long rounded = Math.round(sum);
            output.put(n, (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded)));
        }
    }

    /** The modified Bessel function of the first kind, order 0 (power series; converges fast for the betas used). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
        }
        return sum;
    }
}
