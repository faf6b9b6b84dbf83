package dev.roger.it.delivery;

import dev.roger.api.Job;
import dev.roger.api.RogerJobListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/** Generic args (a list of maps); its type comes from the activation config. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "jobType", propertyValue = "map-list-job"))
public class MapListJobBean implements RogerJobListener {

    static final Type LIST_OF_MAPS = new ParameterizedType() {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {Map.class};
        }

        @Override
        public Type getRawType() {
            return List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    };

    @Inject
    Collector collector;

    @Override
    public void onJob(Job job) {
        List<Map<String, Object>> args = job.args(LIST_OF_MAPS);
        collector.ran("MapListJobBean", job, args);
    }
}
