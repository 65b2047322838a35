package org.rasterdesk.source;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How to reach S3: AWS itself (region of each bucket found by the SDK) or an S3-compatible store at a given
 * endpoint (path-style addressing). Credentials come from the usual AWS chain (environment, profile files,
 * instance roles); without any, requests are anonymous so that public buckets still work.
 *
 * @param endpoint       an S3-compatible endpoint, or null for AWS
 * @param region         the region to start from (and to sign for at a custom endpoint), or null for the chain's
 * @param credentials    null for the default chain
 * @param connectTimeout time to open a connection
 * @param stallTimeout   a read that gets nothing for this long fails
 */
public record S3Settings(URI endpoint, String region, AwsCredentialsProvider credentials, Duration connectTimeout,
                         Duration stallTimeout) {

    /** System property naming an S3-compatible endpoint; the environment variable RASTERDESK_S3_ENDPOINT too. */
    public static final String ENDPOINT_PROPERTY = "rasterdesk.s3.endpoint";

    /** Endpoint from {@code rasterdesk.s3.endpoint}, RASTERDESK_S3_ENDPOINT, AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL. */
    public static S3Settings fromEnvironment() {
        String endpoint = firstSet(System.getProperty(ENDPOINT_PROPERTY), System.getenv("RASTERDESK_S3_ENDPOINT"),
                System.getenv("AWS_ENDPOINT_URL_S3"), System.getenv("AWS_ENDPOINT_URL"));
        String region = firstSet(System.getProperty("rasterdesk.s3.region"), System.getenv("RASTERDESK_S3_REGION"));
        return new S3Settings(endpoint == null ? null : URI.create(endpoint), region, null,
                Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    public S3Client newClient() {
        var builder = S3Client.builder()
                .region(Region.of(region != null ? region : defaultRegion()))
                .credentialsProvider(credentials != null ? credentials : defaultCredentials())
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(connectTimeout)
                        // Our own stall watch fires first and reports it; this only backs it up.
                        .socketTimeout(stallTimeout.plusSeconds(5)));
        if (endpoint != null) {
            // S3-compatible stores rarely have per-bucket host names, nor the newest checksum headers.
            builder.endpointOverride(endpoint)
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        } else {
            // A bucket in another region answers with a redirect; the SDK then finds its region by itself.
            builder.crossRegionAccessEnabled(true);
        }
        return builder.build();
    }

    private static String defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (RuntimeException noneConfigured) {
            return "us-east-1";
        }
    }

    private static AwsCredentialsProvider defaultCredentials() {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(DefaultCredentialsProvider.builder().build(),
                        AnonymousCredentialsProvider.create())
                .build();
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
