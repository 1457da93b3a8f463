package dev.eventpipeline.ingest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.eventpipeline.model.Event;
import dev.eventpipeline.model.Violation;

/**
 * The one log line per outcome: for each event its id, subject, sequence and latency; for a batch its counts. The
 * values also go into the MDC, so the JSON log format on AWS carries them as fields one can query in CloudWatch Logs
 * Insights.
 */
final class RequestLog {

    private static final Logger LOG = Logger.getLogger(RequestLog.class);
    private static final List<String> FIELDS = List.of("outcome", "status", "eventId", "source", "subject", "sequence",
            "latencyMs");

    private RequestLog() {
    }

    static void event(Outcome outcome, long startedNanos) {
        Event event = outcome.event();
        long latencyMillis = millisSince(startedNanos);
        String sequence = outcome.result() == null ? "" : Long.toString(outcome.result().sequence());
        putFields(outcome.name(), outcome.status(), event, sequence, latencyMillis);
        try {
            log(outcome, event, sequence, latencyMillis);
        } finally {
            FIELDS.forEach(MDC::remove);
        }
    }

    static void batch(List<Outcome> outcomes, long startedNanos) {
        Map<String, Long> counts = outcomes.stream().collect(Collectors.groupingBy(Outcome::name, Collectors.counting()));
        LOG.infof("batch done: events=%d accepted=%d duplicate=%d rejected=%d latencyMs=%d", outcomes.size(),
                counts.getOrDefault(Outcome.ACCEPTED, 0L), counts.getOrDefault(Outcome.DUPLICATE, 0L),
                counts.getOrDefault(Outcome.REJECTED, 0L), millisSince(startedNanos));
    }

    /** A request refused before any event could be read: wrong content type, too large, or not an event at all. */
    static void request(Problem problem, long latencyMillis) {
        LOG.infof("request rejected: status=%d codes=%s latencyMs=%d", problem.status(), codes(problem), latencyMillis);
    }

    private static void log(Outcome outcome, Event event, String sequence, long latencyMillis) {
        String id = event == null ? "" : event.id();
        String subject = event == null ? "" : event.subject();
        if (outcome.problem() == null) {
            LOG.infof("event %s: id=%s subject=%s sequence=%s latencyMs=%d", outcome.name(), id, subject, sequence,
                    latencyMillis);
        } else if (outcome.status() >= 500 && outcome.retryAfterSeconds() == null) {
            LOG.errorf(outcome.failure(), "event failed: status=%d id=%s subject=%s latencyMs=%d", outcome.status(), id,
                    subject, latencyMillis);
        } else if (outcome.status() >= 500) {
            LOG.warnf("event not stored, retry later: status=%d id=%s subject=%s codes=%s latencyMs=%d cause=%s",
                    outcome.status(), id, subject, codes(outcome.problem()), latencyMillis, cause(outcome));
        } else {
            LOG.infof("event rejected: status=%d id=%s subject=%s codes=%s latencyMs=%d", outcome.status(), id, subject,
                    codes(outcome.problem()), latencyMillis);
        }
    }

    private static void putFields(String name, int status, Event event, String sequence, long latencyMillis) {
        MDC.put("outcome", name);
        MDC.put("status", Integer.toString(status));
        MDC.put("eventId", event == null ? "" : event.id());
        MDC.put("source", event == null ? "" : event.source());
        MDC.put("subject", event == null ? "" : event.subject());
        MDC.put("sequence", sequence);
        MDC.put("latencyMs", Long.toString(latencyMillis));
    }

    private static String codes(Problem problem) {
        return problem.errors().stream()
                .map(Violation::code)
                .distinct()
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String cause(Outcome outcome) {
        return outcome.failure() == null ? outcome.problem().detail() : outcome.failure().getMessage();
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
