package io.aibatch.pipeline;

import io.aibatch.engine.Locality;

/**
 * What an item consumed of the backends: the quantities cloud services bill by.
 *
 * @param pages          document pages read
 * @param audioSeconds   seconds of audio transcribed
 * @param tokensIn       prompt tokens sent to language models
 * @param tokensOut      completion tokens received from language models
 * @param cloudTokensIn  of {@code tokensIn}, those sent to CLOUD engines: billed per token on top of the cluster
 * @param cloudTokensOut of {@code tokensOut}, those received from CLOUD engines
 */
public record Units(long pages, double audioSeconds, long tokensIn, long tokensOut, long cloudTokensIn, long cloudTokensOut) {

    public static final Units NONE = new Units(0, 0, 0, 0, 0, 0);

    public static Units pages(long pages) {
        return new Units(pages, 0, 0, 0, 0, 0);
    }

    public static Units audioSeconds(double seconds) {
        return new Units(0, seconds, 0, 0, 0, 0);
    }

    /** The tokens of language-model calls by an engine of the given locality. */
    public static Units tokens(long in, long out, Locality locality) {
        boolean cloud = locality == Locality.CLOUD;
        return new Units(0, 0, in, out, cloud ? in : 0, cloud ? out : 0);
    }

    public Units plus(Units other) {
        return new Units(pages + other.pages, audioSeconds + other.audioSeconds, tokensIn + other.tokensIn,
                tokensOut + other.tokensOut, cloudTokensIn + other.cloudTokensIn, cloudTokensOut + other.cloudTokensOut);
    }
}
