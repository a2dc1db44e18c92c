package io.aibatch.source;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Files in an input that are not inputs: documentation beside the data (a README), dotfiles, and whatever the input's
 * own {@value #FILE} lists. An ignored file is not an item: it is not planned, read, written or dead-lettered.
 * <p>
 * {@value #FILE} sits in the input root (the directory, or the blob prefix) and holds one glob per line, a subset of
 * .gitignore: blank lines and lines starting with '#' are skipped; a pattern without '/' matches a file name at any
 * depth ({@code *.md}), one with '/' matches the path below the root ({@code notes/*.txt}, a leading '/' is
 * dropped); a trailing '/' ignores everything below that folder; globs are Java's ({@code *}, {@code ?},
 * {@code [abc]}, {@code {a,b}}, {@code **} across folders). Negation ({@code !}) is not supported. The built-in
 * rules always apply: {@code README*}, and names starting with '.' (which includes {@value #FILE} itself).
 */
public final class IgnoreRules {

    /** The ignore file's name, in the input root. */
    public static final String FILE = ".aibatchignore";

    private static final List<String> BUILT_IN = List.of("README*");

    private final List<String> patterns;
    private final List<PathMatcher> byName = new ArrayList<>();
    private final List<PathMatcher> byPath = new ArrayList<>();

    private IgnoreRules(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        for (String pattern : this.patterns) {
            String glob = pattern.startsWith("/") ? pattern.substring(1) : pattern;
            if (glob.endsWith("/")) {
                glob = glob + "**";
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            (pattern.contains("/") ? byPath : byName).add(matcher);
        }
    }

    /** The built-in rules only: an input without {@value #FILE}. */
    public static IgnoreRules builtIn() {
        return new IgnoreRules(BUILT_IN);
    }

    /** The built-in rules and the patterns of an {@value #FILE} (its text). */
    public static IgnoreRules parse(String ignoreFile) {
        List<String> patterns = new ArrayList<>(BUILT_IN);
        ignoreFile
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(patterns::add);
        return new IgnoreRules(patterns);
    }

    /**
     * @param name the item's path below the input root, '/'-separated (a blob name below the prefix)
     */
    public boolean ignores(String name) {
        Path path;
        try {
            path = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            return false; // not a name the matchers can read: it is listed (and dead-lettered if unreadable)
        }
        for (Path part : path) {
            String segment = part.toString();
            // dotfiles and dot-folders (editors, copy tools, .aibatchignore itself); a blob name may have literal
            // "." and ".." segments, which are names like any other there
            if (segment.startsWith(".") && !segment.equals(".") && !segment.equals("..")) {
                return true;
            }
        }
        Path fileName = path.getFileName();
        return (fileName != null && byName.stream().anyMatch(m -> m.matches(fileName)))
                || byPath.stream().anyMatch(m -> m.matches(path));
    }

    /** The patterns in force, for the log. */
    public String describe() {
        return String.join(", ", patterns) + ", .*";
    }
}
