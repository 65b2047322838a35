package org.rasterdesk.work;

import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobParameter;
import org.jobrunr.jobs.filters.ApplyStateFilter;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;
import org.rasterdesk.parse.WorkerParse;

/**
 * Fails the parse of a job JobRunr gave up on (failed, its retries spent): without it, a plan whose block can never
 * be made would wait for that block for ever, and keep local parses of its layer out.
 */
final class GivenUpJobs implements ApplyStateFilter {

    private static final Logger LOG = Logger.getLogger(GivenUpJobs.class.getName());

    private final WorkerParse parse;

    GivenUpJobs(WorkerParse parse) {
        this.parse = parse;
    }

    @Override
    public void onStateApplied(Job job, JobState oldState, JobState newState) {
        // A failure to be retried is followed at once by its scheduled retry: only a failure that stays is final.
        if (!(newState instanceof FailedState failed) || !(job.getJobState() instanceof FailedState)) {
            return;
        }
        List<JobParameter> parameters = job.getJobDetails().getJobParameters();
        Object request = parameters.isEmpty() ? null : parameters.get(0).getObject();
        String reason = failed.getExceptionMessage();
        try {
            if (request instanceof ParseJobs.Block block) {
                parse.gaveUp(block.parseId(), 0, parse.describeBlock(block.parseId(), block.block()), reason);
            } else if (request instanceof ParseJobs.Finish finish) {
                parse.gaveUp(finish.parseId(), 0, "the lower zooms and the swap", reason);
            } else if (request instanceof ParseJobs.Start start) {
                parse.gaveUp(start.parseId(), start.layerId(), "the plan", reason);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "The parse of job " + job.getId() + " could not be marked failed", e);
        }
    }
}
