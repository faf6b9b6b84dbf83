package dev.roger.demo.jobs;

/**
 * The arguments of every demo job: how long to pretend to work and whether to fail. The producer
 * decides both, so it knows in advance how many errors the run must show.
 *
 * @param millis how long the job sleeps, standing in for real work
 * @param fail   whether the job throws after its work
 */
public record Work(int millis, boolean fail) {

    /** Does the simulated work of {@code jobId}, then fails if asked to. */
    public void perform(String jobId) throws InterruptedException, SimulatedFailure {
        Thread.sleep(millis);
        if (fail) {
            throw new SimulatedFailure(jobId);
        }
    }
}
