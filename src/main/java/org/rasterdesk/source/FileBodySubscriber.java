package org.rasterdesk.source;

import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Writes a response body into a file from a given position, one buffer list at a time, so that memory stays at
 * the client's few buffers whatever the file's size. It can be aborted from another thread (cancel, stall).
 */
final class FileBodySubscriber implements BodySubscriber<Void> {

    private final Path target;
    private final long position;
    private final ProgressMeter meter;
    private final CompletableFuture<Void> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean aborted;
    private FileChannel channel;

    FileBodySubscriber(Path target, long position, ProgressMeter meter) {
        this.target = target;
        this.position = position;
        this.meter = meter;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (aborted) {
            s.cancel();
            return;
        }
        try {
            channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(position);
            channel.position(position);
        } catch (IOException e) {
            s.cancel();
            fail(new SourceException("Cannot write the download to " + target + ": " + e.getMessage(), e));
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            long n = 0;
            synchronized (this) {
                if (aborted || channel == null) {
                    return;
                }
                for (ByteBuffer b : buffers) {
                    while (b.hasRemaining()) {
                        n += channel.write(b);
                    }
                }
            }
            meter.add(n);
            subscription.request(1);
        } catch (IOException e) {
            subscription.cancel();
            fail(new SourceException("Cannot write the download to " + target + ": " + e.getMessage(), e));
        }
    }

    @Override
    public void onError(Throwable t) {
        fail(t);
    }

    @Override
    public void onComplete() {
        try {
            closeChannel();
            body.complete(null);
        } catch (IOException e) {
            body.completeExceptionally(e);
        }
    }

    @Override
    public CompletionStage<Void> getBody() {
        return body;
    }

    /** Stops the transfer; the connection is dropped by the client. */
    void abort() {
        aborted = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        fail(new IOException("aborted"));
    }

    private void fail(Throwable t) {
        try {
            closeChannel();
        } catch (IOException ignored) {
            // the first failure is the one to report
        }
        body.completeExceptionally(t);
    }

    private synchronized void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
