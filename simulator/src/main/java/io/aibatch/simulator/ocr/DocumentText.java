package io.aibatch.simulator.ocr;

import io.aibatch.simulator.content.ContentHash;
import io.aibatch.simulator.content.GroundTruthStore;
import io.aibatch.simulator.content.SyntheticText;
import java.util.ArrayList;
import java.util.List;

/**
 * The text an OCR engine would find in a document: the ground truth if the bytes are a known sample, otherwise
 * deterministic synthetic lines seeded by the content hash. Pages are lists of lines; blank lines are kept
 * because they mark paragraph breaks (Document Intelligence), though no OCR engine reports them as lines.
 */
public record DocumentText(String sha256, boolean known, List<List<String>> pages) {

    public static DocumentText of(byte[] bytes, int inspectedPageCount, GroundTruthStore truth) {
        String sha = ContentHash.sha256Hex(bytes);
        var known = truth.documentPages(sha);
        if (known.isPresent()) {
            List<List<String>> pages = new ArrayList<>();
            for (String page : known.get()) {
                pages.add(page.lines().map(String::strip).toList());
            }
            return new DocumentText(sha, true, List.copyOf(pages));
        }
        long seed = Long.parseUnsignedLong(sha.substring(0, 16), 16);
        List<List<String>> pages = new ArrayList<>();
        for (int p = 0; p < inspectedPageCount; p++) {
            pages.add(SyntheticText.pageLines(seed, p));
        }
        return new DocumentText(sha, false, List.copyOf(pages));
    }

    /** The lines an OCR engine reports for a page (1-based): the non-blank ones. */
    public List<String> lines(int page) {
        return pages.get(page - 1).stream().filter(l -> !l.isEmpty()).toList();
    }

    public int pageCount() {
        return pages.size();
    }
}
