package dev.eventpipeline.localstack;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS SDK clients aimed at the local services. The local services check no signature, so the credentials are
 * placeholders; they are handed to the functions too, since no execution role hands out real ones locally.
 */
public final class LocalAws {

    /** The placeholder access key id and secret of the local run. */
    public static final String CREDENTIALS = "local";

    private LocalAws() {
    }

    public static DynamoDbClient dynamoDb(URI endpoint, String region) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static DynamoDbStreamsClient streams(URI endpoint, String region) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static SqsClient sqs(URI endpoint, String region) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(CREDENTIALS, CREDENTIALS));
    }
}
