package io.aibatch.devtools.sampledata;

import java.util.List;

/**
 * What a document says, before layout: a title, then blocks separated by vertical space. Each
 * block is a list of logical lines; the layout wraps a logical line that is wider than the page.
 *
 * @param identifiers the kinds of restricted identifier the text contains ("tfn", "medicare",
 *                    "card-number"), in the order they appear in labels.csv
 */
public record DocumentContent(String title, List<List<String>> blocks, List<String> identifiers) {

    public DocumentContent {
        blocks = blocks.stream().map(List::copyOf).toList();
        identifiers = List.copyOf(identifiers);
    }
}
