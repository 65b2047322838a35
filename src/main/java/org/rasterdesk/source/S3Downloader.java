package org.rasterdesk.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.RequestPayer;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads an S3 object into a file through the AWS SDK, as django-raster does with boto3: every request says the
 * requester pays, so requester-pays buckets work. A broken transfer resumes with a range read of the same ETag.
 */
public final class S3Downloader implements AutoCloseable {

    private static final int MAX_RESUMES = 3;

    private final S3Settings settings;
    private S3Client client;

    public S3Downloader(S3Settings settings) {
        this.settings = settings;
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = settings.newClient();
        }
        return client;
    }

    /**
     * Downloads {@code s3://bucket/key} into {@code target} (created or overwritten).
     *
     * @throws SourceException with a one-sentence message when the object cannot be read
     */
    public void download(String bucket, String key, Path target, FetchListener listener, BooleanSupplier cancelled)
            throws IOException, ParseCancelledException {
        String url = "s3://" + bucket + "/" + key;
        ProgressMeter meter = new ProgressMeter(listener, "Downloading", url, -1);
        meter.report();
        String etag = null;
        int resumes = 0;
        // Made before the watch starts: building a client the first time takes seconds, which is no stall.
        S3Client s3 = client();
        if (cancelled.getAsBoolean()) {
            throw new ParseCancelledException();
        }
        try (TransferWatch watch = new TransferWatch(cancelled, meter, settings.stallTimeout().toNanos());
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (true) {
                long offset = meter.done();
                GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key)
                        .requestPayer(RequestPayer.REQUESTER);
                if (offset > 0) {
                    request.range("bytes=" + offset + "-").ifMatch(etag);
                }
                try {
                    meter.alive();
                    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request.build())) {
                        watch.abortWith(in::abort);
                        if (watch.stopped()) {
                            throw new IOException("stopped");
                        }
                        if (offset == 0) {
                            etag = in.response().eTag();
                            meter.total(in.response().contentLength() == null ? -1 : in.response().contentLength());
                        }
                        copy(in, out, meter, watch);
                    } finally {
                        watch.abortWith(null);
                    }
                    if (watch.stopped()) {
                        throw new IOException("stopped");
                    }
                    if (meter.total() < 0 || meter.done() >= meter.total()) {
                        meter.report();
                        return;
                    }
                    throw new IOException("the stream ended early");
                } catch (NoSuchKeyException e) {
                    throw new SourceException("There is no object " + key + " in the S3 bucket " + bucket + " ("
                            + url + ").", e);
                } catch (NoSuchBucketException e) {
                    throw new SourceException("The S3 bucket " + bucket + " does not exist (" + url + ").", e);
                } catch (S3Exception e) {
                    throw answered(e, url);
                } catch (IOException | SdkClientException e) {
                    if (watch.cancelled() || cancelled.getAsBoolean()) {
                        throw new ParseCancelledException();
                    }
                    if (watch.stalled() || timedOut(e)) {
                        throw new SourceException("The download of " + url + " stalled: nothing arrived for "
                                + settings.stallTimeout().toSeconds() + " seconds.", e);
                    }
                    if (e instanceof AbortedException) {
                        throw new ParseCancelledException();
                    }
                    if (meter.done() == 0 || etag == null || resumes >= MAX_RESUMES) {
                        throw unreachable(e, url, meter);
                    }
                    resumes++;
                    listener.progress(meter.done(), meter.total(), "The connection broke after "
                            + ProgressMeter.size(meter.done()) + "; resuming (" + resumes + " of " + MAX_RESUMES
                            + ")");
                }
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, ProgressMeter meter, TransferWatch watch)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while (!watch.stopped() && (n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            meter.add(n);
        }
        out.flush();
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static SourceException answered(S3Exception e, String url) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (e.statusCode() == 403) {
            return new SourceException("Access to " + url + " was denied (" + (code == null ? "403" : code)
                    + "): the AWS credentials may not read it, or the bucket needs requester-pays access.", e);
        }
        if (e.statusCode() == 404) {
            return new SourceException("S3 found nothing at " + url + " (" + (code == null ? "404" : code) + ").",
                    e);
        }
        return new SourceException("S3 answered " + e.statusCode() + (code == null ? "" : " " + code) + " for "
                + url + ".", e);
    }

    private static SourceException unreachable(Exception e, String url, ProgressMeter meter) {
        if (meter.done() > 0) {
            return new SourceException("The download of " + url + " broke after " + ProgressMeter.size(meter.done())
                    + ": " + e.getMessage(), e);
        }
        return new SourceException("Could not read " + url + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
