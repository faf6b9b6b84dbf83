package dev.roger.api.event;

import dev.roger.api.Job;

/** A job lifecycle event; observe this type to see every event of a job. */
public sealed interface JobEvent permits BeforeRun, AfterRun, JobError, JobBuried, JobCancelled {

    /** The partition the job came from. */
    String partition();

    /** The job. */
    Job job();
}
