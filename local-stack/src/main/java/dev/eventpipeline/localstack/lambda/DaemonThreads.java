package dev.eventpipeline.localstack.lambda;

import java.util.concurrent.ThreadFactory;

/** Named daemon threads for the local servers, so that they never keep the JVM alive after Ctrl-C. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
