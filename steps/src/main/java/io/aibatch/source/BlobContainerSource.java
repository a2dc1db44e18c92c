package io.aibatch.source;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.Context;
import com.azure.core.util.DateTimeRfc1123;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlobType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.specialized.BlobInputStream;
import io.aibatch.blob.BlobErrors;
import io.aibatch.blob.BlobLocation;
import io.aibatch.item.WorkItem;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every blob below a container prefix, listed page by page (continuation tokens, never the whole listing in memory)
 * in the service's order (by name), filtered by a {@link SourceFilter}. Each item records the blob's etag, size,
 * last-modified time; its name is the blob name below the prefix and its source the blob's URL. Blobs the
 * {@link IgnoreRules} ignore (README*, dot-names, and what the prefix's .aibatchignore blob lists) are not items.
 * <p>
 * Reading streams the blob in blocks. A blob deleted since planning is {@link ItemUnavailableException unavailable};
 * one that changed (another etag) is handled by the {@link ChangedItemPolicy}: under {@code dead-letter} the read is
 * conditional on the planned etag, under {@code process-current} the current version is read and its etag reported.
 * Either way the read is pinned to one version: a blob replaced in the middle of a download fails the read instead of
 * mixing two versions.
 */
public final class BlobContainerSource implements ItemSource {

    private static final Logger log = LoggerFactory.getLogger(BlobContainerSource.class);
    /** Download block: documents are mostly smaller, so most reads are a single request. */
    private static final int READ_BLOCK_BYTES = 4 * 1024 * 1024;

    private static final int LOG_EVERY_PAGES = 100;

    private final BlobLocation location;
    private final BlobContainerClient container;
    private final SourceOptions options;

    public BlobContainerSource(BlobLocation location, BlobContainerClient container, SourceOptions options) {
        this.location = location;
        this.container = container;
        this.options = options;
    }

    @Override
    public String describe() {
        return location.describe();
    }

    @Override
    public void list(Consumer<WorkItem> sink) throws IOException {
        ListBlobsOptions listOptions = new ListBlobsOptions().setMaxResultsPerPage(options.pageSize());
        if (!location.prefix().isEmpty()) {
            listOptions.setPrefix(location.prefix());
        }
        long pages = 0;
        long listed = 0;
        long taken = 0;
        long ignored = 0;
        try {
            IgnoreRules ignore = ignoreRules();
            // iterableByPage fetches one page at a time, following the continuation token of the previous one
            for (PagedResponse<BlobItem> page :
                    container.listBlobs(listOptions, null).iterableByPage(options.pageSize())) {
                pages++;
                for (BlobItem blob : page.getValue()) {
                    listed++;
                    if (ignore.ignores(
                            blob.getName().substring(location.prefix().length()))) {
                        ignored++;
                        continue;
                    }
                    WorkItem item = toItem(blob);
                    if (item != null) {
                        taken++;
                        sink.accept(item);
                    }
                }
                if (pages % LOG_EVERY_PAGES == 0) {
                    log.info("listing {}: {} pages, {} blobs listed, {} taken", describe(), pages, listed, taken);
                }
            }
        } catch (BlobStorageException e) {
            throw new IOException(
                    "could not list " + describe() + ": " + BlobErrors.summary(e)
                            + (e.getStatusCode() == 404 ? "; check that the container exists" : "")
                            + (e.getStatusCode() == 403
                                    ? "; check that the identity may read this container (Storage Blob Data Reader)"
                                    : ""),
                    e);
        }
        log.info(
                "listed {}: {} blobs in {} pages, {} ignored as not inputs, {} taken (filter: {})",
                describe(),
                listed,
                pages,
                ignored,
                taken,
                options.filter().describe());
    }

    /** The built-in rules, and those of the .aibatchignore blob in the prefix when there is one. */
    private IgnoreRules ignoreRules() {
        try {
            return IgnoreRules.parse(container
                    .getBlobClient(location.blobName(IgnoreRules.FILE))
                    .downloadContent()
                    .toString());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return IgnoreRules.builtIn();
            }
            throw e;
        }
    }

    /**
     * The service's clock (the {@code Date} of a container-properties reply), which is the clock that stamps
     * Last-Modified: a watermark taken from it is immune to this machine's clock being off. Falls back to this
     * machine's clock when the reply has no date.
     */
    @Override
    public Instant currentTime() throws IOException {
        try {
            String date = container
                    .getPropertiesWithResponse(null, null, Context.NONE)
                    .getHeaders()
                    .getValue(HttpHeaderName.DATE);
            return date == null
                    ? Instant.now()
                    : new DateTimeRfc1123(date).getDateTime().toInstant();
        } catch (BlobStorageException e) {
            throw new IOException("could not read the time of " + describe() + ": " + BlobErrors.summary(e), e);
        }
    }

    private WorkItem toItem(BlobItem blob) {
        BlobItemProperties properties = blob.getProperties();
        if (Boolean.TRUE.equals(blob.isDeleted())
                || blob.getName().endsWith("/")
                || (properties.getBlobType() != null
                        && properties.getBlobType() != BlobType.BLOCK_BLOB
                        && properties.getBlobType() != BlobType.APPEND_BLOB)) {
            return null; // soft-deleted blobs, directory markers, page blobs (disks) are not items
        }
        long size = properties.getContentLength() == null ? 0 : properties.getContentLength();
        Instant lastModified = properties.getLastModified() == null
                ? null
                : properties.getLastModified().toInstant();
        String name = blob.getName().substring(location.prefix().length());
        if (!options.filter().accepts(name, size, properties.getContentType(), lastModified)) {
            return null;
        }
        return WorkItem.of(location.blobUrl(blob.getName()), name, size, lastModified, properties.getETag());
    }

    @Override
    public InputStream open(WorkItem item) throws IOException {
        return openContent(item).stream();
    }

    @Override
    public ItemContent openContent(WorkItem item) throws IOException {
        return openContent(item, 0);
    }

    /** A range read from {@code offset} to the end, pinned as a whole read is; EOFException past the end. */
    @Override
    public InputStream open(WorkItem item, long offset) throws IOException {
        return openContent(item, offset).stream();
    }

    private ItemContent openContent(WorkItem item, long offset) throws IOException {
        BlobClient blob = container.getBlobClient(location.blobName(item.name()));
        BlobRequestConditions conditions = new BlobRequestConditions();
        boolean pinToPlanned = options.changedPolicy() == ChangedItemPolicy.DEAD_LETTER && item.etag() != null;
        if (pinToPlanned) {
            conditions.setIfMatch(item.etag());
        }
        BlobInputStream in;
        try {
            BlobInputStreamOptions options = new BlobInputStreamOptions()
                    .setRequestConditions(conditions)
                    .setBlockSize(READ_BLOCK_BYTES);
            if (offset > 0) {
                options.setRange(new BlobRange(offset));
            }
            in = blob.openInputStream(options);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 416) { // the range starts past the end: the blob is shorter than it was
                throw new java.io.EOFException("blob " + item.source() + " has no byte " + offset);
            }
            // a conditional read of a deleted blob may answer 412 rather than 404 (Azurite does): ask which it is
            if (e.getStatusCode() == 404 || (e.getStatusCode() == 412 && !exists(blob))) {
                throw new ItemUnavailableException(
                        "blob " + item.source() + " was listed when the run was planned but no longer exists");
            }
            if (e.getStatusCode() == 412 && pinToPlanned) {
                throw new ItemChangedException("blob " + item.source()
                        + " changed after the run was planned (planned etag "
                        + item.etag() + "); not processed because aibatch.source.changed-blob-policy is "
                        + options.changedPolicy().spelling() + " (use process-current to process the current version)");
            }
            throw new IOException("could not read blob " + item.source() + ": " + BlobErrors.summary(e), e);
        }
        String etag = in.getProperties().getETag();
        if (item.etag() != null && !item.etag().equals(etag)) {
            log.info(
                    "blob {} changed after planning (planned etag {}, now {}); processing the current version"
                            + " (aibatch.source.changed-blob-policy: {})",
                    item.source(),
                    item.etag(),
                    etag,
                    options.changedPolicy().spelling());
        }
        return new ItemContent(new PinnedBlobStream(in, item), etag);
    }

    /**
     * Reports a blob that is replaced or deleted while a large one is read block by block (every block after the
     * first is read If-Match the first one's etag) as what it is, not as an I/O error.
     */
    private static final class PinnedBlobStream extends FilterInputStream {

        private final WorkItem item;

        PinnedBlobStream(InputStream in, WorkItem item) {
            super(in);
            this.item = item;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw translate(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw translate(e);
            }
        }

        private IOException translate(IOException e) {
            if (e.getCause() instanceof BlobStorageException failure) {
                if (failure.getStatusCode() == 404) {
                    return new ItemUnavailableException(
                            "blob " + item.source() + " was deleted while it was being read");
                }
                if (failure.getStatusCode() == 412) {
                    return new ItemChangedException("blob " + item.source() + " was replaced while it was being read;"
                            + " no result was made from a mix of two versions: rerun the item to process the new one");
                }
            }
            return e;
        }
    }

    private static boolean exists(BlobClient blob) {
        try {
            return blob.exists();
        } catch (BlobStorageException e) {
            return true; // cannot tell: report the original failure
        }
    }
}
