package io.aibatch.summarize;

import io.aibatch.engine.Locality;
import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.embed.SentenceEmbeddings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

/**
 * Summarises in this JVM, without a language model: the sentences most similar to the rest of the document
 * (highest centrality: sum of cosine similarities of their embeddings) are kept, in document order. Used when no
 * LLM is configured, and for restricted documents when no in-cluster LLM is. Never leaves the process.
 */
public final class ExtractiveSummarizer implements Summarizer {

    /** Headings, address lines and item lines say little on their own. */
    static final int MIN_WORDS = 6;
    /** Centrality is quadratic in the number of sentences; a document's gist is in its first hundred. */
    static final int MAX_SENTENCES = 100;

    private final SentenceEmbeddings embeddings;
    private final int sentences;
    private final Executor executor;

    public ExtractiveSummarizer(SentenceEmbeddings embeddings, int sentences, Executor executor) {
        if (sentences < 1) {
            throw new IllegalArgumentException(
                    "the extractive summariser must keep at least one sentence (aibatch.document.summarize.sentences) but was "
                            + sentences);
        }
        this.embeddings = embeddings;
        this.sentences = sentences;
        this.executor = executor;
    }

    @Override
    public String name() {
        return SentenceEmbeddings.NAME + "/extractive";
    }

    @Override
    public Locality locality() {
        return Locality.IN_CLUSTER;
    }

    @Override
    public CompletableFuture<Summary> summarize(String itemSource, String text, Sensitivity sensitivity) {
        return CompletableFuture.supplyAsync(() -> new Summary(summarizeNow(text), name(), 0, 0), executor);
    }

    String summarizeNow(String text) {
        List<String> candidates = new ArrayList<>();
        for (String sentence : Sentences.of(text)) {
            if (sentence.split("\\s+").length >= MIN_WORDS) {
                candidates.add(sentence);
                if (candidates.size() == MAX_SENTENCES) {
                    break;
                }
            }
        }
        if (candidates.size() <= sentences) {
            return String.join(" ", candidates);
        }
        List<float[]> vectors = embeddings.embedAll(candidates);
        double[] centrality = new double[candidates.size()];
        for (int i = 0; i < vectors.size(); i++) {
            for (int j = i + 1; j < vectors.size(); j++) {
                double similarity = SentenceEmbeddings.cosine(vectors.get(i), vectors.get(j));
                centrality[i] += similarity;
                centrality[j] += similarity;
            }
        }
        return IntStream.range(0, candidates.size())
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -centrality[i]))
                .limit(sentences)
                .sorted()
                .map(candidates::get)
                .reduce((a, b) -> a + " " + b)
                .orElse("");
    }
}
