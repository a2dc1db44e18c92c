package io.aibatch.devtools.sampledata;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a font family name to its TrueType file. Both renderers load the very same file (Java2D for
 * images, PDFBox for text PDFs) instead of asking the OS by name, so line widths agree between
 * formats and a missing font fails loudly instead of silently falling back to another face.
 */
public final class FontCatalog {

    /** Where Debian's fonts-dejavu-core and fonts-dejavu-extra put the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/fonts/truetype/dejavu");

    /** The regular face of each family; "DejaVu Sans Light" is fontconfig's name for ExtraLight. */
    private static final Map<String, String> FILES = Map.of(
            "DejaVu Sans", "DejaVuSans.ttf",
            "DejaVu Serif", "DejaVuSerif.ttf",
            "DejaVu Sans Mono", "DejaVuSansMono.ttf",
            "DejaVu Sans Condensed", "DejaVuSansCondensed.ttf",
            "DejaVu Serif Condensed", "DejaVuSerifCondensed.ttf",
            "DejaVu Sans Light", "DejaVuSans-ExtraLight.ttf");

    /** Used for the committed sample set; the other families are kept back for unseen OCR tests. */
    public static final List<String> SEEN_FAMILIES = List.of("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono");

    public static final List<String> UNSEEN_FAMILIES =
            List.of("DejaVu Sans Condensed", "DejaVu Serif Condensed", "DejaVu Sans Light");

    private final Path directory;
    private final Map<String, Font> loaded = new ConcurrentHashMap<>();

    public FontCatalog(Path directory) {
        this.directory = directory;
    }

    public static boolean isKnown(String family) {
        return FILES.containsKey(family);
    }

    public static List<String> knownFamilies() {
        return FILES.keySet().stream().sorted().toList();
    }

    public Path fileFor(String family) {
        String file = FILES.get(family);
        if (file == null) {
            throw new IllegalArgumentException(
                    "unknown font family '" + family + "', expected one of " + knownFamilies());
        }
        Path path = directory.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(
                    "font file " + path + " is missing: install fonts-dejavu-core and fonts-dejavu-extra");
        }
        return path;
    }

    /** The family as a 1 pt Java2D font; callers derive the size they need. */
    public Font awtFont(String family) {
        return loaded.computeIfAbsent(family, f -> {
            try {
                return Font.createFont(Font.TRUETYPE_FONT, fileFor(f).toFile()).deriveFont(1f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (FontFormatException e) {
                throw new IllegalStateException("cannot read font " + fileFor(f), e);
            }
        });
    }
}
