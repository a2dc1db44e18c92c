package io.aibatch.simulator.content;

/** What the OCR backends need to know about an upload before reading it: format, page count and page size. */
public record DocumentInfo(DocumentFormat format, int pageCount, double width, double height, String unit) {}
