package dev.eventpipeline.localstack.lambda;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocalFunctionPoolTest {

    @TempDir
    Path workDir;

    @Test
    void invoke_shouldRunInvocationsAtTheSameTime_whenConcurrencyIsTwo() throws Exception {
        // GIVEN
        Path rendezvous = Files.createDirectory(workDir.resolve("rendezvous"));
        FunctionConfig config = new FunctionConfig("pooled", TestFunctionZip.build(workDir),
                "dev.eventpipeline.localstack.lambda.testfunction.ScriptedHandler::handleRequest", 256,
                Duration.ofSeconds(30), "eu-west-1", Map.of("RENDEZVOUS_DIR", rendezvous.toString()));
        byte[] payload = "{\"action\":\"rendezvous\"}".getBytes(StandardCharsets.UTF_8);

        try (LocalFunctionPool pool = LocalFunctionPool.start(config, 2, workDir, System.out::println)) {
            // WHEN
            var first = pool.invoke(payload).toCompletableFuture();
            var second = pool.invoke(payload).toCompletableFuture();

            // THEN
            for (var result : new InvocationResult[] { first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS) }) {
                assertThat(result).isInstanceOfSatisfying(InvocationResult.Success.class,
                        success -> assertThat(success.payloadText()).isEqualTo("{\"together\":true}"));
            }
        }
    }
}
