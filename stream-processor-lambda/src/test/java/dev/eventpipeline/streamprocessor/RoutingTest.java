package dev.eventpipeline.streamprocessor;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingTest {

    private static final String PROJECTION = "https://sqs.eu-west-1.amazonaws.com/123456789012/projection.fifo";
    private static final String PUSHES = "https://sqs.eu-west-1.amazonaws.com/123456789012/pushes.fifo";
    private static final String ISSUES = "https://sqs.eu-west-1.amazonaws.com/123456789012/issues.fifo";

    @Test
    void queueUrls_returnsProjectionQueueOnly_whenFanoutRoutesAreEmpty() {
        // GIVEN
        Routing routing = Routing.of(PROJECTION, Optional.empty());

        // WHEN / THEN
        assertThat(routing.queueUrls("PushEvent")).containsExactly(PROJECTION);
    }

    @Test
    void queueUrls_addsEveryMatchingRoute_whenSeveralGlobsMatch() {
        // GIVEN
        Routing routing = Routing.of(PROJECTION, Optional.of("Push*=" + PUSHES + ", *Event=" + ISSUES));

        // WHEN / THEN
        assertThat(routing.queueUrls("PushEvent")).containsExactly(PROJECTION, PUSHES, ISSUES);
        assertThat(routing.queueUrls("IssuesEvent")).containsExactly(PROJECTION, ISSUES);
        assertThat(routing.queueUrls("Push")).containsExactly(PROJECTION, PUSHES);
    }

    @Test
    void queueUrls_namesQueueOnce_whenRoutesRepeatIt() {
        // GIVEN
        Routing routing = Routing.of(PROJECTION, Optional.of("Push*=" + PUSHES + ",PushEvent=" + PUSHES
                + ",*=" + PROJECTION));

        // WHEN / THEN
        assertThat(routing.queueUrls("PushEvent")).containsExactly(PROJECTION, PUSHES);
    }

    @Test
    void queueUrls_matchesGlobLiterally_whenTypeHasRegexCharacters() {
        // GIVEN
        Routing routing = Routing.of(PROJECTION, Optional.of("com.github.push*=" + PUSHES));

        // WHEN / THEN
        assertThat(routing.queueUrls("com.github.push.v1")).containsExactly(PROJECTION, PUSHES);
        assertThat(routing.queueUrls("comXgithubXpush")).containsExactly(PROJECTION);
    }

    @Test
    void of_throwsWithExample_whenPairHasNoQueueUrl() {
        // WHEN / THEN
        assertThatThrownBy(() -> Routing.of(PROJECTION, Optional.of("Push*=" + PUSHES + ",IssuesEvent")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'IssuesEvent'")
                .hasMessageContaining("TypeGlob=QueueUrl");
    }

    @Test
    void of_throwsNamingVariable_whenProjectionQueueUrlIsBlank() {
        // WHEN / THEN
        assertThatThrownBy(() -> Routing.of(" ", Optional.empty()))
                .hasMessageContaining("PROJECTION_QUEUE_URL");
    }
}
