package io.aibatch.jobs;

import io.aibatch.document.DocumentLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import io.aibatch.source.ChangedItemPolicy;
import io.aibatch.source.SourceFilter;
import io.aibatch.source.SourceOptions;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.List;

/** The {@code aibatch.*} configuration; defaults and explanations live in config/application.yaml. */
@ConfigurationProperties("aibatch")
public record AibatchProperties(
        @DefaultValue("dev") String pipelineVersion,
        @DefaultValue("4") int partitions,
        @DefaultValue("8") int partitionThreads,
        @DefaultValue("20") int chunkSize,
        @DefaultValue("32") int window,
        @DefaultValue Ocr ocr,
        @DefaultValue Documents documents,
        @DefaultValue Source source) {

    public record Ocr(@DefaultValue("0") int threads, @DefaultValue Tesseract tesseract) {

        public int effectiveThreads() {
            return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        }
    }

    public record Tesseract(@DefaultValue("eng") String language, @DefaultValue("") String datapath) {
    }

    public record Documents(@DefaultValue("67108864") long maxBytes, @DefaultValue("40000000") long maxPixels,
                            @DefaultValue("200") int maxPages, @DefaultValue("300") int renderDpi,
                            @DefaultValue("16") int minTextLayerChars) {

        public DocumentLimits limits() {
            return new DocumentLimits(maxBytes, maxPixels, maxPages, renderDpi, minTextLayerChars);
        }
    }

    /**
     * How items are listed and read: the listing filters (the CLI's --include-suffix, --content-type, --min-size,
     * --max-size, --modified-after and --modified-before override them per run), what to do with a blob that changed
     * after planning, and the listing page size.
     */
    public record Source(List<String> includeSuffixes, List<String> contentTypes, DataSize minSize, DataSize maxSize,
                         String modifiedAfter, String modifiedBefore,
                         @DefaultValue("process-current") String changedBlobPolicy,
                         @DefaultValue("5000") int pageSize) {

        public SourceFilter filter() {
            return new SourceFilter(includeSuffixes, contentTypes, minSize == null ? null : minSize.toBytes(),
                    maxSize == null ? null : maxSize.toBytes(), SourceFilter.parseTime(modifiedAfter, "aibatch.source.modified-after"),
                    SourceFilter.parseTime(modifiedBefore, "aibatch.source.modified-before"));
        }

        /** Options for reading a run's source; the run's filter was fixed when it was started. */
        public SourceOptions options(SourceFilter runFilter) {
            return new SourceOptions(runFilter, ChangedItemPolicy.parse(changedBlobPolicy), pageSize);
        }
    }
}
