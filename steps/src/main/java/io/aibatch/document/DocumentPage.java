package io.aibatch.document;

import java.awt.image.BufferedImage;

/**
 * One page of a decoded document: either text taken from a PDF text layer, or an image that needs OCR.
 */
public sealed interface DocumentPage {

    int number();

    record TextPage(int number, String text) implements DocumentPage {}

    record ImagePage(int number, BufferedImage image, int dpi) implements DocumentPage {}
}
