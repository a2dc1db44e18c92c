package io.aibatch.document;

import io.aibatch.pipeline.RejectedItemException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.InflaterInputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;

/**
 * Checks every stream of a PDF before anything is decoded, because PDFBox decodes a stream into memory in one go:
 * an image whose declared size is above the pixel or byte limit (a 26000 × 26000 RGB image Flate-compresses to a
 * few MB and decodes to 2 GB), and a Flate stream (content, image, form, font) that inflates beyond the byte
 * limit, are refused first. Inflating to count is cheap next to rendering and OCR.
 */
final class PdfStreamLimits {

    private static final List<COSName> FLATE = List.of(COSName.FLATE_DECODE, COSName.FLATE_DECODE_ABBREVIATION);

    private final DocumentLimits limits;

    PdfStreamLimits(DocumentLimits limits) {
        this.limits = limits;
    }

    void check(COSDocument document) throws IOException {
        for (COSObjectKey key : List.copyOf(document.getXrefTable().keySet())) {
            COSObject object = document.getObjectFromPool(key);
            COSBase base = object == null ? null : object.getObject();
            if (base instanceof COSStream stream) {
                if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
                    checkImage(stream, key);
                }
                checkInflatedSize(stream, key);
            }
        }
    }

    private void checkImage(COSStream image, COSObjectKey key) {
        long width = image.getInt(COSName.WIDTH, 0);
        long height = image.getInt(COSName.HEIGHT, 0);
        boolean mask = image.getBoolean(COSName.IMAGE_MASK, false);
        int bits = mask ? 1 : Math.max(1, image.getInt(COSName.BITS_PER_COMPONENT, 8));
        int components = mask ? 1 : components(image.getDictionaryObject(COSName.COLORSPACE));
        long pixels = width * height;
        if (pixels > limits.maxPixels()) {
            throw new RejectedItemException(
                    "too-many-pixels",
                    "an image inside the PDF (object %d) is %,d × %,d = %,d pixels, above the limit of %,d pixels (aibatch.documents.max-pixels)"
                            .formatted(key.getNumber(), width, height, pixels, limits.maxPixels()));
        }
        long bytes = (width * components * bits + 7) / 8 * height;
        if (bytes > limits.maxDecodedBytes()) {
            throw new RejectedItemException(
                    "too-many-pixels",
                    "an image inside the PDF (object %d) decodes to %,d bytes, above the limit of %,d bytes (aibatch.documents.max-decoded-bytes)"
                            .formatted(key.getNumber(), bytes, limits.maxDecodedBytes()));
        }
    }

    /** Colour components per pixel; 4 (the most) when the colour space is not one of the common kinds. */
    private static int components(COSBase colorSpace) {
        COSBase space = colorSpace instanceof COSObject object ? object.getObject() : colorSpace;
        if (space instanceof COSArray array && array.size() > 0) {
            COSBase family = array.getObject(0);
            if (COSName.INDEXED.equals(family) || COSName.SEPARATION.equals(family)) {
                return 1;
            }
            if (COSName.ICCBASED.equals(family) && array.getObject(1) instanceof COSStream profile) {
                return Math.max(1, profile.getInt(COSName.N, 4));
            }
            if (COSName.DEVICEN.equals(family) && array.getObject(1) instanceof COSArray names) {
                return Math.max(1, names.size());
            }
            space = family;
        }
        if (COSName.DEVICEGRAY.equals(space) || COSName.CALGRAY.equals(space)) {
            return 1;
        }
        if (COSName.DEVICERGB.equals(space) || COSName.CALRGB.equals(space) || COSName.LAB.equals(space)) {
            return 3;
        }
        return 4;
    }

    /** Inflates a stream whose first filter is Flate, counting, and stops as soon as it passes the limit. */
    private void checkInflatedSize(COSStream stream, COSObjectKey key) throws IOException {
        COSBase filters = stream.getFilters();
        COSBase first = filters instanceof COSArray array && array.size() > 0 ? array.getObject(0) : filters;
        if (!(first instanceof COSName name) || !FLATE.contains(name)) {
            return;
        }
        long inflated = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream raw = stream.createRawInputStream();
                InputStream in = new InflaterInputStream(raw)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                inflated += read;
                if (inflated > limits.maxDecodedBytes()) {
                    throw new RejectedItemException(
                            "decompression-bomb",
                            "a compressed stream inside the PDF (object %d) expands to more than %,d bytes (aibatch.documents.max-decoded-bytes); it was not decoded"
                                    .formatted(key.getNumber(), limits.maxDecodedBytes()));
                }
            }
        } catch (java.util.zip.ZipException damaged) {
            // a damaged stream is PDFBox's to tolerate or report; only its size is checked here
        }
    }
}
