package dev.eventpipeline.streamprocessor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which SQS queues an event goes to, by its CloudEvents {@code type}: always the projection queue, plus the queue of
 * every fan-out route whose type glob matches. A queue named by several matching routes gets the event once.
 */
public final class Routing {

    private static final String EXAMPLE = "Push*=https://sqs.eu-west-1.amazonaws.com/123456789012/pushes.fifo";

    private final String projectionQueueUrl;
    private final List<Route> fanoutRoutes;

    private Routing(String projectionQueueUrl, List<Route> fanoutRoutes) {
        this.projectionQueueUrl = projectionQueueUrl;
        this.fanoutRoutes = List.copyOf(fanoutRoutes);
    }

    /** The routing of {@link StreamProcessorConfig}. */
    public static Routing of(StreamProcessorConfig config) {
        return of(config.projectionQueueUrl(), config.fanoutRoutes());
    }

    /**
     * @param projectionQueueUrl the queue every event goes to
     * @param fanoutRoutes {@code TypeGlob=QueueUrl} pairs separated by commas, or empty
     * @throws IllegalArgumentException quoting the first pair that is not {@code TypeGlob=QueueUrl}
     */
    public static Routing of(String projectionQueueUrl, Optional<String> fanoutRoutes) {
        if (projectionQueueUrl == null || projectionQueueUrl.isBlank()) {
            throw new IllegalArgumentException("PROJECTION_QUEUE_URL is empty: set it to the URL of the projection FIFO queue");
        }
        List<Route> routes = new ArrayList<>();
        for (String pair : fanoutRoutes.orElse("").split(",")) {
            if (!pair.isBlank()) {
                routes.add(Route.parse(pair.strip()));
            }
        }
        return new Routing(projectionQueueUrl, routes);
    }

    /** The URLs of the queues an event of this type goes to, the projection queue first. */
    public Set<String> queueUrls(String type) {
        Set<String> queueUrls = new LinkedHashSet<>();
        queueUrls.add(projectionQueueUrl);
        for (Route route : fanoutRoutes) {
            if (route.matches(type)) {
                queueUrls.add(route.queueUrl());
            }
        }
        return queueUrls;
    }

    /** One fan-out route: events whose {@code type} matches {@link #typeGlob()} also go to {@link #queueUrl()}. */
    public static final class Route {

        private final String typeGlob;
        private final String queueUrl;
        private final Pattern typePattern;

        private Route(String typeGlob, String queueUrl) {
            this.typeGlob = typeGlob;
            this.queueUrl = queueUrl;
            this.typePattern = toPattern(typeGlob);
        }

        static Route parse(String pair) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException("FANOUT_ROUTES entry '" + pair
                        + "' is not TypeGlob=QueueUrl; write comma-separated pairs such as " + EXAMPLE);
            }
            return new Route(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }

        /** CloudEvents {@code type} pattern; {@code *} matches any run of characters. */
        public String typeGlob() {
            return typeGlob;
        }

        public String queueUrl() {
            return queueUrl;
        }

        boolean matches(String type) {
            return typePattern.matcher(type).matches();
        }

        private static Pattern toPattern(String glob) {
            StringBuilder regex = new StringBuilder();
            for (String literal : glob.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(literal));
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }
}
