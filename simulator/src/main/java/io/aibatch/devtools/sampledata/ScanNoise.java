package io.aibatch.devtools.sampledata;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;

/**
 * Sparse salt-and-pepper specks like dust on a scanner glass: each pixel is hit with probability
 * {@code level}; a hit on paper becomes a dark speck, a hit on ink becomes a light one.
 */
final class ScanNoise {

    private ScanNoise() {}

    static void apply(BufferedImage grayImage, double level, Random random) {
        if (level <= 0) {
            return;
        }
        byte[] pixels = ((DataBufferByte) grayImage.getRaster().getDataBuffer()).getData();
        // Jump from hit to hit with geometric gaps instead of drawing one number per pixel.
        double logMiss = Math.log(1 - level);
        long index = -1;
        while (true) {
            index += 1 + (long) Math.floor(Math.log(1 - random.nextDouble()) / logMiss);
            if (index >= pixels.length) {
                return;
            }
            int i = (int) index;
            boolean paper = (pixels[i] & 0xff) > 127;
            int value = paper ? random.nextInt(110) : 150 + random.nextInt(106);
            pixels[i] = (byte) value;
        }
    }
}
