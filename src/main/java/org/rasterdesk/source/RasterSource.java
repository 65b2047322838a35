package org.rasterdesk.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/** Where a RasterLayer's bytes come from, chosen from its source_url and rasterfile as django-raster does. */
public sealed interface RasterSource {

    /** A file name for the local copy, as django-raster takes it from the URL or the stored file's name. */
    String fileName();

    /** The source as a user wrote it, for messages. */
    String describe();

    /** The bytes of a file uploaded to the layer, kept by RasterDesk in the database (rasterdesk_sourcefile). */
    record UploadedFile(int rasterLayerId, String rasterfile) implements RasterSource {
        @Override
        public String fileName() {
            return lastSegment(rasterfile);
        }

        @Override
        public String describe() {
            return "the uploaded file " + rasterfile + " of layer " + rasterLayerId;
        }
    }

    /** A public http(s) address. */
    record HttpUrl(URI uri) implements RasterSource {
        @Override
        public String fileName() {
            return lastSegment(uri.getPath());
        }

        @Override
        public String describe() {
            return uri.toString();
        }
    }

    /** An object read through the S3 API ({@code s3://BUCKET/KEY}), requester pays. */
    record S3Object(String bucket, String key) implements RasterSource {
        @Override
        public String fileName() {
            return lastSegment(key);
        }

        @Override
        public String describe() {
            return "s3://" + bucket + "/" + key;
        }
    }

    /** A file this machine can read directly (a file:// URL); it is read in place and never deleted. */
    record LocalPath(Path path) implements RasterSource {
        @Override
        public String fileName() {
            Path name = path.getFileName();
            return name == null ? "raster" : name.toString();
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /**
     * django-raster's rule: a non-blank source_url wins over the rasterfile; it may be http(s), file or
     * {@code s3://BUCKET/KEY}. Without a URL the uploaded rasterfile is used.
     *
     * @throws SourceException when neither is given or the URL is of another kind
     */
    static RasterSource parse(int rasterLayerId, String sourceUrl, String rasterfile) throws SourceException {
        String url = sourceUrl == null ? "" : sourceUrl.strip();
        if (url.isEmpty()) {
            if (rasterfile == null || rasterfile.isBlank()) {
                throw new SourceException("No data source found: provide a raster file or a source url.");
            }
            return new UploadedFile(rasterLayerId, rasterfile.strip());
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new HttpUrl(toUri(url));
        }
        if (lower.startsWith("file:")) {
            URI uri = toUri(url);
            try {
                return new LocalPath(Path.of(uri));
            } catch (IllegalArgumentException e) {
                throw new SourceException("The file url " + url + " does not name a local file.", e);
            }
        }
        if (lower.startsWith("s3://")) {
            String rest = url.substring("s3://".length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                throw new SourceException("The s3 url " + url + " must have the form s3://BUCKET/KEY.");
            }
            return new S3Object(rest.substring(0, slash), rest.substring(slash + 1));
        }
        throw new SourceException("Only http(s), file and s3 urls are supported, not " + url + ".");
    }

    private static URI toUri(String url) throws SourceException {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            // Users paste addresses with spaces and other characters that need escaping.
            try {
                return URI.create(url.replace(" ", "%20"));
            } catch (IllegalArgumentException again) {
                throw new SourceException("The url " + url + " is not valid: " + e.getReason() + ".", e);
            }
        }
    }

    private static String lastSegment(String path) {
        if (path == null) {
            return "raster";
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isBlank() ? "raster" : name;
    }
}
