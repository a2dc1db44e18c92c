package io.aibatch.engine.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.aibatch.engine.Engine;
import io.aibatch.engine.Locality;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings computed in this JVM by all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions, shipped in
 * a Maven jar: nothing is downloaded at run time). Vectors are unit length, so a dot product is the cosine.
 * Thread-safe; CPU-bound, so callers run it on a bounded executor.
 */
public final class SentenceEmbeddings implements Engine {

    public static final String NAME = "embedded/all-minilm-l6-v2-q";

    private final EmbeddingModel model;

    public SentenceEmbeddings() {
        // the model's own executor is only used to embed batches in parallel; callers already bound concurrency
        this(new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run));
    }

    SentenceEmbeddings(EmbeddingModel model) {
        this.model = model;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Locality locality() {
        return Locality.IN_CLUSTER;
    }

    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            // the tokenizer rejects blank input; a blank text has no meaning to embed anyway
            segments.add(TextSegment.from(text.isBlank() ? "(empty)" : text));
        }
        List<Embedding> embeddings = model.embedAll(segments).content();
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
            vectors.add(unit(embedding.vector()));
        }
        return vectors;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (vector[i] / norm);
        }
        return out;
    }
}
