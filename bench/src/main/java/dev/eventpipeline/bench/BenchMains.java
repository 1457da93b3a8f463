package dev.eventpipeline.bench;

/** What every bench main does around its run. */
public final class BenchMains {

    /** The body of a bench main. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private BenchMains() {
    }

    /**
     * Runs the body and exits the JVM with 0, or with 1 after printing the failure: pools' event loops and service
     * processes that a bench starts are not daemons, and must not outlive the run.
     */
    public static void runAndExit(Body body) {
        int status = 0;
        try {
            body.run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
