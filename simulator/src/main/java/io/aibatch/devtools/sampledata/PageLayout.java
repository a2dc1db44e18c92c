package io.aibatch.devtools.sampledata;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Places the text of a document on A4 pages, in PDF points from the top-left corner. Every
 * renderer draws exactly these lines at these positions, and the ground truth is these lines, so
 * what the text file says is what the page shows.
 */
final class PageLayout {

    static final float PAGE_WIDTH = 595.276f;
    static final float PAGE_HEIGHT = 841.89f;
    static final float MARGIN = 56.7f; // 20 mm
    static final float TITLE_SIZE = 14f;
    static final float MIN_BODY_SIZE = 10f;
    private static final float LEADING = 1.35f;
    /** Space between blocks, as a fraction of a line; it is what separates paragraphs visually. */
    private static final float BLOCK_GAP = 0.8f;

    /** Fractional metrics on, transform identity: the same advances Java2D uses when it draws. */
    private static final FontRenderContext METRICS = new FontRenderContext(null, true, true);

    private final Font font;

    PageLayout(Font font) {
        this.font = font;
    }

    record TextLine(String text, float x, float baseline, float size) {}

    record Page(List<TextLine> lines) {}

    /** The document as laid out, plus the body size that was finally used. */
    record Layout(List<Page> pages, float bodySize) {}

    /**
     * Lays out {@code content} at {@code bodySize}. With {@code pages == 2} the content is split at
     * the block boundary nearest its middle so both pages carry text. With {@code pages == 1} the
     * body size shrinks in half points (not below {@link #MIN_BODY_SIZE}) until everything fits.
     */
    Layout layout(DocumentContent content, float bodySize, int pages) {
        if (pages == 2) {
            return new Layout(paginate(content, bodySize, true), bodySize);
        }
        for (float size = bodySize; size >= MIN_BODY_SIZE; size -= 0.5f) {
            List<Page> laidOut = paginate(content, size, false);
            if (laidOut.size() == 1) {
                return new Layout(laidOut, size);
            }
        }
        throw new IllegalStateException("content does not fit on one page even at " + MIN_BODY_SIZE + " pt");
    }

    private List<Page> paginate(DocumentContent content, float bodySize, boolean splitInTwo) {
        List<Block> blocks = wrapBlocks(content, bodySize);
        float bodyLeading = bodySize * LEADING;
        // Leave room for a "Page n of N" footer whenever there may be more than one page.
        float bottom = PAGE_HEIGHT - MARGIN - (splitInTwo ? 2 * bodyLeading : 0);
        int breakBefore = splitInTwo ? middleBlock(blocks, bodyLeading) : -1;

        List<List<TextLine>> pages = new ArrayList<>();
        List<TextLine> current = new ArrayList<>();
        float y = MARGIN;
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            float gap = current.isEmpty() ? 0 : BLOCK_GAP * bodyLeading;
            boolean overflows = y + gap + block.height() > bottom;
            if (!current.isEmpty() && (i == breakBefore || overflows)) {
                pages.add(current);
                current = new ArrayList<>();
                y = MARGIN;
                gap = 0;
            }
            y += gap;
            for (String line : block.lines()) {
                float leading = block.size() * LEADING;
                current.add(new TextLine(line, MARGIN, y + block.size(), block.size()));
                y += leading;
            }
        }
        pages.add(current);

        List<Page> result = new ArrayList<>();
        for (int p = 0; p < pages.size(); p++) {
            List<TextLine> lines = new ArrayList<>(pages.get(p));
            if (pages.size() > 1) {
                String footer = String.format(Locale.ROOT, "Page %d of %d", p + 1, pages.size());
                lines.add(new TextLine(footer, MARGIN, PAGE_HEIGHT - MARGIN, bodySize));
            }
            result.add(new Page(List.copyOf(lines)));
        }
        return result;
    }

    private record Block(List<String> lines, float size) {
        float height() {
            return lines.size() * size * LEADING;
        }
    }

    private List<Block> wrapBlocks(DocumentContent content, float bodySize) {
        List<Block> blocks = new ArrayList<>();
        if (!content.title().isEmpty()) {
            blocks.add(new Block(wrap(content.title(), TITLE_SIZE), TITLE_SIZE));
        }
        for (List<String> block : content.blocks()) {
            List<String> lines = new ArrayList<>();
            for (String logical : block) {
                lines.addAll(wrap(logical, bodySize));
            }
            blocks.add(new Block(lines, bodySize));
        }
        return blocks;
    }

    /** The index of the first block whose top lies past half of the total height. */
    private static int middleBlock(List<Block> blocks, float bodyLeading) {
        float total = 0;
        for (Block b : blocks) {
            total += b.height() + BLOCK_GAP * bodyLeading;
        }
        float y = 0;
        for (int i = 0; i < blocks.size(); i++) {
            if (y >= total / 2 && i > 0) {
                return i;
            }
            y += blocks.get(i).height() + BLOCK_GAP * bodyLeading;
        }
        return blocks.size() - 1;
    }

    /** Greedy word wrap to the text width; a single word wider than the page stays on its own line. */
    List<String> wrap(String text, float size) {
        float maxWidth = PAGE_WIDTH - 2 * MARGIN;
        Font sized = font.deriveFont(size);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (line.isEmpty() || width(sized, candidate) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static double width(Font font, String text) {
        return font.getStringBounds(text, METRICS).getWidth();
    }
}
