package io.aibatch.simulator.content;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plausible English-like text for inputs without ground truth, fully determined by a seed (the content hash), so
 * the same upload always reads the same and different uploads read differently.
 */
public final class SyntheticText {

    private static final String[] WORDS = ("the of and to in a is that for it as was with be by on not he this are or "
                    + "his from at which but have an they you were her she there been one all we their has would when if "
                    + "more no out so said what up its about into than them can only other new some could time these two may "
                    + "then do first any my now such like our over man me even most made after also did many before must "
                    + "through back years where much your way well down should because each just those people how too little "
                    + "state good very make world still own see men work long get here between both life being under never "
                    + "day same another know while last might us great old year off come since against go came right used "
                    + "take three invoice account payment contract service report total amount date customer number order "
                    + "delivery section policy agreement company period balance review document page value")
            .split(" ");

    private SyntheticText() {}

    /** One page of text lines (20 to 34 lines of 6 to 12 words), different for each page of the same document. */
    public static List<String> pageLines(long seed, int pageIndex) {
        SplittableRandom r = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (pageIndex + 1));
        int lines = 20 + r.nextInt(15);
        List<String> out = new ArrayList<>(lines);
        boolean sentenceStart = true;
        for (int i = 0; i < lines; i++) {
            int n = 6 + r.nextInt(7);
            StringBuilder line = new StringBuilder();
            for (int w = 0; w < n; w++) {
                String word = WORDS[r.nextInt(WORDS.length)];
                if (sentenceStart) {
                    word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                    sentenceStart = false;
                }
                if (w > 0) {
                    line.append(' ');
                }
                line.append(word);
                if (r.nextInt(9) == 0 || (w == n - 1 && i == lines - 1)) {
                    line.append('.');
                    sentenceStart = true;
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    /** {@code count} words of running text in sentences, for transcripts. */
    public static String words(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        boolean sentenceStart = true;
        for (int i = 0; i < count; i++) {
            String word = WORDS[r.nextInt(WORDS.length)];
            if (sentenceStart) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                sentenceStart = false;
            }
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(word);
            if (r.nextInt(10) == 0 || i == count - 1) {
                sb.append('.');
                sentenceStart = true;
            }
        }
        return sb.toString();
    }
}
