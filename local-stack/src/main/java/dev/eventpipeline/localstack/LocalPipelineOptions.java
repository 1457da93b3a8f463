package dev.eventpipeline.localstack;

import java.nio.file.Path;

/**
 * How the local pipeline starts.
 *
 * @param projectDirectory the checkout: {@code infra/sam-template.yaml} and the built artifacts are found from here
 * @param dataDirectory where DynamoDB, PostgreSQL and the unpacked functions keep their files
 * @param clean start from empty data
 * @param servicesOnly start only DynamoDB, SQS and PostgreSQL, for running the services in Quarkus dev mode
 * @param ports where each part listens; 0 picks a free port
 * @param region the AWS region the functions and clients are told
 */
public record LocalPipelineOptions(Path projectDirectory, Path dataDirectory, boolean clean, boolean servicesOnly,
        Ports ports, String region) {

    /**
     * The ports of the local pipeline; the defaults are documented in the README.
     *
     * @param dynamoDb DynamoDB and DynamoDB Streams (default 8000)
     * @param sqs SQS, served by ElasticMQ (default 9324)
     * @param postgres PostgreSQL (default 15432)
     * @param httpApi the producers' HTTP API, as {@code sam local start-api} (default 3000)
     * @param queryApi the analysts' query API of the projection service (default 8080)
     */
    public record Ports(int dynamoDb, int sqs, int postgres, int httpApi, int queryApi) {

        public static final Ports DEFAULTS = new Ports(8000, 9324, 15432, 3000, 8080);

        /** Free ports everywhere, for tests that must not collide with a pipeline a developer runs. */
        public static final Ports EPHEMERAL = new Ports(0, 0, 0, 0, 0);
    }
}
