package io.aibatch.store;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlockBlobOutputStreamOptions;
import io.aibatch.blob.BlobErrors;
import io.aibatch.blob.BlobLocation;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * An output location in Blob Storage: a container and a virtual directory. Files are block blobs. A file being
 * created is uploaded as staged blocks (or a single upload when small) and becomes visible only when the stream is
 * closed, when the block list is committed: readers see the old content or the new, never a part. A crash before
 * close leaves the old content (staged blocks are discarded by the service).
 */
public final class BlobOutputStore implements OutputStore {

    /** Upload block and single-upload threshold; two blocks in flight bound the memory of one open file. */
    private static final long BLOCK_BYTES = 4L * 1024 * 1024;

    private static final int UPLOAD_CONCURRENCY = 2;
    private static final int READ_BLOCK_BYTES = 4 * 1024 * 1024;

    private final BlobLocation location;
    private final BlobContainerClient container;

    /** Creates the container when it does not exist yet, like a local output directory. */
    public BlobOutputStore(BlobLocation location, BlobContainerClient container) throws IOException {
        this.location = location;
        this.container = container;
        try {
            container.createIfNotExists();
        } catch (BlobStorageException e) {
            // an identity (or SAS) allowed to write blobs but not to create containers: writing may still work
            if (e.getStatusCode() != 403) {
                throw new IOException(
                        "could not prepare the output container " + describe() + ": " + BlobErrors.summary(e), e);
            }
        }
    }

    @Override
    public String describe() {
        return location.describe();
    }

    @Override
    public OutputStream create(String path) throws IOException {
        BlobClient blob = blob(path);
        OutputStream upload;
        try {
            upload = blob.getBlockBlobClient()
                    .getBlobOutputStream(new BlockBlobOutputStreamOptions()
                            .setParallelTransferOptions(new ParallelTransferOptions()
                                    .setBlockSizeLong(BLOCK_BYTES)
                                    .setMaxSingleUploadSizeLong(BLOCK_BYTES)
                                    .setMaxConcurrency(UPLOAD_CONCURRENCY))
                            .setHeaders(new BlobHttpHeaders().setContentType(contentType(path))));
        } catch (BlobStorageException e) {
            throw failure("create", path, e);
        }
        return new FilterOutputStream(upload) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close(); // commits the block list: the blob appears (or is replaced) now
                } catch (BlobStorageException e) {
                    throw failure("write", path, e);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        };
    }

    @Override
    public InputStream open(String path, long offset) throws IOException {
        try {
            return blob(path)
                    .openInputStream(new BlobInputStreamOptions()
                            .setRange(new BlobRange(offset))
                            .setBlockSize(READ_BLOCK_BYTES));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                throw new NoSuchFileException(url(path), null, "no such blob");
            }
            if (e.getStatusCode() == 416) {
                return InputStream.nullInputStream(); // offset at the end of the blob: nothing left to read
            }
            throw failure("read", path, e);
        }
    }

    @Override
    public boolean exists(String path) throws IOException {
        try {
            return blob(path).exists();
        } catch (BlobStorageException e) {
            throw failure("check", path, e);
        }
    }

    @Override
    public void delete(String path) throws IOException {
        try {
            blob(path).deleteIfExists();
        } catch (BlobStorageException e) {
            throw failure("delete", path, e);
        }
    }

    @Override
    public List<String> list(String directory) throws IOException {
        return list(directory, "");
    }

    /** Lists with the name prefix applied by the service, so a slice does not page through every other slice's files. */
    @Override
    public List<String> list(String directory, String namePrefix) throws IOException {
        String dirPrefix =
                directory.isEmpty() ? location.prefix() : location.blobName(SafePaths.blobPath(directory)) + "/";
        List<String> names = new ArrayList<>();
        try {
            for (BlobItem item : container.listBlobsByHierarchy(
                    "/",
                    new ListBlobsOptions().setPrefix(dirPrefix + namePrefix).setMaxResultsPerPage(5000),
                    null)) {
                if (!Boolean.TRUE.equals(item.isPrefix())) {
                    names.add(item.getName().substring(dirPrefix.length()));
                }
            }
        } catch (BlobStorageException e) {
            throw failure("list", directory, e);
        }
        names.sort(null);
        return names;
    }

    private BlobClient blob(String path) {
        return container.getBlobClient(location.blobName(SafePaths.blobPath(path)));
    }

    private String url(String path) {
        return location.describe() + path;
    }

    private IOException failure(String action, String path, BlobStorageException e) {
        return new IOException("could not " + action + " " + url(path) + ": " + BlobErrors.summary(e), e);
    }

    private static String contentType(String path) {
        if (path.endsWith(".jsonl")) {
            return "application/x-ndjson";
        }
        if (path.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
