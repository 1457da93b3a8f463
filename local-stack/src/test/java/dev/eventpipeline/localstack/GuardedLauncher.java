package dev.eventpipeline.localstack;

import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the pipeline's launcher in {@link OrphanGuardTest}: starts a guard and a long-lived process for it to
 * watch, prints that process's pid, then waits to be killed.
 */
public final class GuardedLauncher {

    private GuardedLauncher() {
    }

    public static void main(String[] args) throws Exception {
        OrphanGuard guard = OrphanGuard.start();
        Process service = new ProcessBuilder("sleep", "300").start();
        guard.watch("the test service", service.pid(), false);
        System.out.println(service.pid());
        System.out.flush();
        TimeUnit.MINUTES.sleep(5);
    }
}
