package io.aibatch.pipeline;

/**
 * What an item consumed of the backends: the quantities cloud services bill by.
 *
 * @param pages        document pages read
 * @param audioSeconds seconds of audio transcribed
 * @param tokensIn     prompt tokens sent to language models
 * @param tokensOut    completion tokens received from language models
 */
public record Units(long pages, double audioSeconds, long tokensIn, long tokensOut) {

    public static final Units NONE = new Units(0, 0, 0, 0);

    public static Units pages(long pages) {
        return new Units(pages, 0, 0, 0);
    }

    public Units plus(Units other) {
        return new Units(pages + other.pages, audioSeconds + other.audioSeconds,
                tokensIn + other.tokensIn, tokensOut + other.tokensOut);
    }
}
