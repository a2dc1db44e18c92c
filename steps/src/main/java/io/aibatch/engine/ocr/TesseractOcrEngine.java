package io.aibatch.engine.ocr;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.TessBaseAPI;
import org.bytedeco.tesseract.global.tesseract;

/**
 * Embedded Tesseract through its C++ API (natives bundled by JavaCPP). A TessBaseAPI is not
 * thread-safe, so every calling thread gets its own instance; they are all ended on close.
 */
public final class TesseractOcrEngine implements OcrEngine {

    private final Path datapath;
    private final String language;
    private final List<TessBaseAPI> instances = new CopyOnWriteArrayList<>();
    private final ThreadLocal<TessBaseAPI> perThread = ThreadLocal.withInitial(this::newInstance);

    public TesseractOcrEngine(Path datapath, String language) {
        this.datapath = datapath;
        this.language = language;
    }

    @Override
    public String name() {
        return "tesseract-" + tesseract.TESSERACT_VERSION_STR;
    }

    @Override
    public OcrText recognize(BufferedImage page, int dpi) {
        BufferedImage gray = toGray(page);
        byte[] pixels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        TessBaseAPI api = perThread.get();
        api.SetImage(pixels, gray.getWidth(), gray.getHeight(), 1, gray.getWidth());
        api.SetSourceResolution(dpi);
        BytePointer text = api.GetUTF8Text();
        try {
            String value = text == null ? "" : text.getString(StandardCharsets.UTF_8);
            return new OcrText(value.strip(), api.MeanTextConf() / 100.0);
        } finally {
            if (text != null) {
                text.deallocate();
            }
            api.Clear();
        }
    }

    private TessBaseAPI newInstance() {
        TessBaseAPI api = new TessBaseAPI();
        if (api.Init(datapath.toString(), language) != 0) {
            api.close();
            throw new IllegalStateException("Tesseract could not load language '" + language + "' from " + datapath);
        }
        api.SetPageSegMode(tesseract.PSM_AUTO);
        api.SetVariable("debug_file", "/dev/null");
        instances.add(api);
        return api;
    }

    /** Tesseract wants 8-bit gray; transparent pixels are put on white first, as on paper. */
    private static BufferedImage toGray(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY
                && image.getRaster().getParent() == null
                && image.getSampleModel() instanceof ComponentSampleModel layout
                && layout.getScanlineStride() == image.getWidth()
                && image.getRaster().getDataBuffer().getOffset() == 0) {
            return image;
        }
        BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return gray;
    }

    @Override
    public void close() {
        for (TessBaseAPI api : instances) {
            api.End();
            api.close();
        }
        instances.clear();
    }
}
