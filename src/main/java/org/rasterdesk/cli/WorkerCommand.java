package org.rasterdesk.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.parse.WorkerParse;
import org.rasterdesk.work.JobQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs parse jobs from the database's queue until stopped; workers on many machines share one database. */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run parse jobs queued in the database (parse --queue, or the window's \"Parse on workers\") "
                + "until stopped.",
                "SIGTERM (Ctrl-C) lets the current jobs finish (30 s at most) or hands them back to the queue.",
                "A layer's source must be reachable from this machine: an upload kept in the database, an http(s) "
                        + "or s3 URL, or a --keep-path file on a disk every worker shares."})
final class WorkerCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption db;

    @Option(names = "--threads", paramLabel = "N", description = "Jobs run at once (default: 1; each job warps on "
            + "one core while the database writes).")
    int threads = 1;

    @Option(names = "--dashboard", paramLabel = "PORT", description = "Serve JobRunr's dashboard on this port.")
    Integer dashboard;

    @Option(names = "--retries", paramLabel = "N", description = "How many times a failed job is tried again, "
            + "after a growing pause, before its parse fails (default: ${DEFAULT-VALUE}).")
    int retries = JobQueue.DEFAULT_RETRIES;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1.");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("--retries must be 0 or more.");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (ConnectedDatabase connected = db.open()) {
            Thread onStop = new Thread(() -> {
                stopped.countDown();
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(onStop);
            try (JobQueue worker = JobQueue.worker(connected.database().dataSource(), threads, dashboard,
                    retries)) {
                System.out.println("Worker " + WorkerParse.thisProcess() + " runs parse jobs on " + threads
                        + " thread(s)" + (dashboard != null ? "; JobRunr's dashboard: http://localhost:" + dashboard
                        : "") + ".");
                stopped.await();
                System.out.println("Worker " + WorkerParse.thisProcess() + " stops.");
            }
        } finally {
            closed.countDown();
        }
        return 0;
    }
}
