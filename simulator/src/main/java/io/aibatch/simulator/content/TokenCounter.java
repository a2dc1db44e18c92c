package io.aibatch.simulator.content;

import java.util.List;

/**
 * Deterministic approximation of a BPE tokenizer (cl100k/o200k-like) for English text, without vocabulary files:
 * <ul>
 *   <li>a run of ASCII letters: 1 token up to 6 letters, +1 per further 6 ("the" 1, "payment" 2, "international" 3);</li>
 *   <li>a run of digits: 1 token per 3 digits (BPE splits numbers into chunks of at most three);</li>
 *   <li>any other non-space character (punctuation, CJK, emoji): 1 token each; whitespace is free.</li>
 * </ul>
 * This lands at about 1.3 tokens per English word / 4 to 5 characters per token, the usual rule of thumb.
 * Chat prompts add 3 tokens per message and 3 for the reply primer, as OpenAI's counting guide does.
 */
public final class TokenCounter {

    public static final int PER_MESSAGE = 3;
    public static final int REPLY_PRIMER = 3;

    private TokenCounter() {}

    public static int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int tokens = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (isAsciiLetter(c)) {
                int start = i;
                while (i < n && isAsciiLetter(text.charAt(i))) {
                    i++;
                }
                tokens += 1 + (i - start - 1) / 6;
            } else if (c >= '0' && c <= '9') {
                int start = i;
                while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                tokens += (i - start + 2) / 3;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                tokens++;
                i += Character.charCount(text.codePointAt(i));
            }
        }
        return tokens;
    }

    /** Prompt tokens of a chat request: every message's content plus the per-message and primer overhead. */
    public static int countChat(List<String> messageContents) {
        int tokens = REPLY_PRIMER;
        for (String content : messageContents) {
            tokens += PER_MESSAGE + count(content);
        }
        return tokens;
    }

    /** The longest prefix of {@code text}, cut at a word boundary, that has at most {@code maxTokens} tokens. */
    public static String truncate(String text, int maxTokens) {
        if (count(text) <= maxTokens) {
            return text;
        }
        String[] words = text.split(" ");
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (String w : words) {
            int t = count(w);
            if (used + t > maxTokens) {
                break;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(w);
            used += t;
        }
        return out.toString();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
