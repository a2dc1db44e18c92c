package io.aibatch.simulator.content;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code pages} query parameter: "1-3,5,7-" selects page numbers (1-based) of a document. Pages past the end
 * are ignored, as the services do.
 */
public final class PageSelection {

    /** Read 3.2 also allows open ranges ("3-", "-2"); Document Intelligence only closed ones. */
    private static final Pattern OPEN_ITEM = Pattern.compile("^(\\d+|\\d+-\\d+|\\d+-|-\\d+)$");

    private static final Pattern CLOSED_ITEM = Pattern.compile("^(\\d+(-\\d+)?)$");

    private PageSelection() {}

    /** @throws IllegalArgumentException when the parameter is malformed */
    public static List<Integer> select(String param, int pageCount, boolean allowOpenRanges) {
        if (param == null || param.isBlank()) {
            return java.util.stream.IntStream.rangeClosed(1, pageCount).boxed().toList();
        }
        TreeSet<Integer> pages = new TreeSet<>();
        for (String raw : param.split(",")) {
            String item = raw.trim();
            if (!(allowOpenRanges ? OPEN_ITEM : CLOSED_ITEM).matcher(item).matches()) {
                throw new IllegalArgumentException("invalid page range '" + item + "'");
            }
            int dash = item.indexOf('-');
            int from;
            int to;
            if (dash < 0) {
                from = to = Integer.parseInt(item);
            } else {
                from = dash == 0 ? 1 : Integer.parseInt(item.substring(0, dash));
                to = dash == item.length() - 1 ? pageCount : Integer.parseInt(item.substring(dash + 1));
            }
            if (from < 1 || to < from) {
                throw new IllegalArgumentException("invalid page range '" + item + "'");
            }
            for (int p = from; p <= Math.min(to, pageCount); p++) {
                pages.add(p);
            }
        }
        return List.copyOf(pages);
    }
}
