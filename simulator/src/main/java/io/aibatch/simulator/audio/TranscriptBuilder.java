package io.aibatch.simulator.audio;

import io.aibatch.simulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a transcript and the audio duration into the OpenAI transcription formats: json, verbose_json (segments
 * per sentence, times spread in proportion to word counts), text, srt and vtt.
 */
public final class TranscriptBuilder {

    /** verbose_json reports the language by name, as Whisper does. */
    private static final Map<String, String> LANGUAGE_NAMES = Map.ofEntries(
            Map.entry("en", "english"),
            Map.entry("de", "german"),
            Map.entry("fr", "french"),
            Map.entry("es", "spanish"),
            Map.entry("it", "italian"),
            Map.entry("nl", "dutch"),
            Map.entry("pt", "portuguese"),
            Map.entry("pl", "polish"),
            Map.entry("sv", "swedish"),
            Map.entry("da", "danish"),
            Map.entry("fi", "finnish"),
            Map.entry("ja", "japanese"),
            Map.entry("zh", "chinese"),
            Map.entry("ko", "korean"),
            Map.entry("ru", "russian"),
            Map.entry("tr", "turkish"));

    public record Segment(int id, double start, double end, String text) {}

    private TranscriptBuilder() {}

    public static List<Segment> segments(String text, double duration) {
        List<String> sentences = new ArrayList<>();
        for (String s : text.split("(?<=[.!?])\\s+")) {
            if (!s.isBlank()) {
                sentences.add(s.strip());
            }
        }
        int totalWords = 0;
        for (String s : sentences) {
            totalWords += s.split("\\s+").length;
        }
        List<Segment> out = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < sentences.size(); i++) {
            int words = sentences.get(i).split("\\s+").length;
            double end = i == sentences.size() - 1 ? duration : t + duration * words / Math.max(1, totalWords);
            out.add(new Segment(i, round2(t), round2(end), " " + sentences.get(i)));
            t = end;
        }
        return out;
    }

    public static ObjectNode json(String text) {
        return Json.object().put("text", text);
    }

    public static ObjectNode verboseJson(String text, double duration, String language, double temperature) {
        ObjectNode n = Json.object();
        n.put("task", "transcribe");
        n.put(
                "language",
                LANGUAGE_NAMES.getOrDefault(
                        language == null ? "en" : language.toLowerCase(Locale.ROOT),
                        language == null ? "english" : language));
        n.put("duration", round2(duration));
        n.put("text", text);
        ArrayNode segs = n.putArray("segments");
        for (Segment s : segments(text, duration)) {
            ObjectNode o = segs.addObject();
            o.put("id", s.id());
            o.put("seek", (int) (s.start() / 30) * 3000); // Whisper decodes 30 s windows; seek counts 10 ms frames
            o.put("start", s.start());
            o.put("end", s.end());
            o.put("text", s.text());
            ArrayNode tokens = o.putArray("tokens");
            for (String w : s.text().strip().split("\\s+")) {
                tokens.add(50364 + Math.floorMod(w.hashCode(), 50000)); // Whisper's text tokens follow its special ones
            }
            o.put("temperature", temperature);
            o.put("avg_logprob", -0.21);
            o.put("compression_ratio", 1.42);
            o.put("no_speech_prob", 0.012);
        }
        return n;
    }

    public static String srt(String text, double duration) {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments(text, duration)) {
            sb.append(s.id() + 1)
                    .append('\n')
                    .append(time(s.start(), ','))
                    .append(" --> ")
                    .append(time(s.end(), ','))
                    .append('\n')
                    .append(s.text().strip())
                    .append("\n\n");
        }
        return sb.toString();
    }

    public static String vtt(String text, double duration) {
        StringBuilder sb = new StringBuilder("WEBVTT\n\n");
        for (Segment s : segments(text, duration)) {
            sb.append(time(s.start(), '.'))
                    .append(" --> ")
                    .append(time(s.end(), '.'))
                    .append('\n')
                    .append(s.text().strip())
                    .append("\n\n");
        }
        return sb.toString();
    }

    private static String time(double seconds, char msSeparator) {
        long ms = Math.round(seconds * 1000);
        return String.format(
                Locale.ROOT,
                "%02d:%02d:%02d%c%03d",
                ms / 3_600_000,
                ms / 60_000 % 60,
                ms / 1000 % 60,
                msSeparator,
                ms % 1000);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
