package io.aibatch.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which listed items a run takes. Every criterion is optional; an item must pass all that are set.
 *
 * @param includeSuffixes name endings to take (case-insensitive, e.g. {@code .pdf}); empty = any name
 * @param contentTypes    content types to take as the store records them (e.g. {@code application/pdf}, or
 *                        {@code image/*}); empty = any. Only stores that record a content type (Blob Storage) can filter on it
 * @param minSize         smallest size in bytes to take (inclusive), or null
 * @param maxSize         largest size in bytes to take (inclusive), or null
 * @param modifiedAfter   take items last modified at or after this instant, or null
 * @param modifiedBefore  take items last modified before this instant, or null
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SourceFilter(
        List<String> includeSuffixes,
        List<String> contentTypes,
        Long minSize,
        Long maxSize,
        Instant modifiedAfter,
        Instant modifiedBefore) {

    public SourceFilter {
        includeSuffixes = includeSuffixes == null ? List.of() : List.copyOf(includeSuffixes);
        contentTypes = contentTypes == null ? List.of() : List.copyOf(contentTypes);
        if (minSize != null && maxSize != null && minSize > maxSize) {
            throw new IllegalArgumentException(
                    "the minimum size (" + minSize + " bytes) is above the maximum size (" + maxSize + " bytes)");
        }
        if (modifiedAfter != null && modifiedBefore != null && !modifiedAfter.isBefore(modifiedBefore)) {
            throw new IllegalArgumentException(
                    "modified-after " + modifiedAfter + " is not before modified-before " + modifiedBefore);
        }
    }

    /**
     * Parses a filter time: an ISO-8601 instant ({@code 2026-01-31T12:00:00Z}), a date-time with an offset
     * ({@code 2026-01-31T12:00:00+10:00}) or a date ({@code 2026-01-31}, meaning its start in UTC); null or blank = none.
     *
     * @param what the setting it came from, for the message
     */
    public static Instant parseTime(String value, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                return java.time.LocalDate.parse(v)
                        .atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant();
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    what + " '" + value + "' is not a time; use 2026-01-31, or 2026-01-31T12:00:00Z");
        }
    }

    public static SourceFilter none() {
        return new SourceFilter(List.of(), List.of(), null, null, null, null);
    }

    public boolean filtersContentType() {
        return !contentTypes.isEmpty();
    }

    /**
     * @param contentType the store's content type for the item, or null when it records none
     */
    public boolean accepts(String name, long size, String contentType, Instant lastModified) {
        return suffixMatches(name)
                && (minSize == null || size >= minSize)
                && (maxSize == null || size <= maxSize)
                && contentTypeMatches(contentType)
                && modifiedWithin(lastModified);
    }

    private boolean suffixMatches(String name) {
        if (includeSuffixes.isEmpty()) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : includeSuffixes) {
            if (lower.endsWith(suffix.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private boolean contentTypeMatches(String contentType) {
        if (contentTypes.isEmpty()) {
            return true;
        }
        if (contentType == null) {
            return false;
        }
        // "application/pdf; charset=..." → "application/pdf"
        int semicolon = contentType.indexOf(';');
        String type = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType)
                .trim()
                .toLowerCase(Locale.ROOT);
        for (String wanted : contentTypes) {
            String w = wanted.trim().toLowerCase(Locale.ROOT);
            if (w.endsWith("/*") ? type.startsWith(w.substring(0, w.length() - 1)) : type.equals(w)) {
                return true;
            }
        }
        return false;
    }

    private boolean modifiedWithin(Instant lastModified) {
        if (modifiedAfter == null && modifiedBefore == null) {
            return true;
        }
        if (lastModified == null) {
            return false;
        }
        return (modifiedAfter == null || !lastModified.isBefore(modifiedAfter))
                && (modifiedBefore == null || lastModified.isBefore(modifiedBefore));
    }

    /** A short description for logs, e.g. {@code suffix in [.pdf], size >= 1024}; "none" when nothing is filtered. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!includeSuffixes.isEmpty()) {
            parts.add("suffix in " + includeSuffixes);
        }
        if (!contentTypes.isEmpty()) {
            parts.add("content type in " + contentTypes);
        }
        if (minSize != null) {
            parts.add("size >= " + minSize);
        }
        if (maxSize != null) {
            parts.add("size <= " + maxSize);
        }
        if (modifiedAfter != null) {
            parts.add("modified at or after " + modifiedAfter);
        }
        if (modifiedBefore != null) {
            parts.add("modified before " + modifiedBefore);
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
