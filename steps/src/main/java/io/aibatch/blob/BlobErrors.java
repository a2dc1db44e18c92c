package io.aibatch.blob;

import com.azure.storage.blob.models.BlobStorageException;

/** Short, secret-free descriptions of Blob Storage failures for messages. */
public final class BlobErrors {

    private BlobErrors() {}

    /** e.g. {@code HTTP 403 AuthorizationPermissionMismatch}: status and error code only, no request details. */
    public static String summary(BlobStorageException e) {
        return "HTTP " + e.getStatusCode() + (e.getErrorCode() == null ? "" : " " + e.getErrorCode());
    }
}
