package dev.roger.demo.jobs;

/**
 * The deliberate failure of a demo job. Checked, so that the EJB container treats it as an
 * application exception: it reaches Roger (which buries the job) without the container logging a
 * stack trace or discarding the bean instance.
 */
public class SimulatedFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public SimulatedFailure(String jobId) {
        super("simulated failure of job " + jobId);
    }
}
