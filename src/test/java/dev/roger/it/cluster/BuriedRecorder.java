package dev.roger.it.cluster;

import dev.roger.api.event.JobBuried;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Records a "buried" row for every {@link BuryJobBean} job Roger reports buried: the event comes
 * after the broker confirmed the buried copy, so a listing that starts after the row was written
 * must show the job. A startup singleton, so its DataSource is injected at deployment (a CDI bean
 * created lazily on the thread that fires the event got none).
 */
@Singleton
@Startup
@Lock(LockType.READ)
public class BuriedRecorder {

    @Resource(lookup = "java:app/jdbc/roger")
    DataSource dataSource;

    public void buried(@Observes JobBuried e) throws SQLException {
        if (e.job().type().equals("ad-bury")) {
            new RunRecorder(dataSource, e.job().args(BuryWork.class).table()).mark(e.job().id(), "buried");
        }
    }
}
