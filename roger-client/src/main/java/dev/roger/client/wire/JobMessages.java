package dev.roger.client.wire;

import com.rabbitmq.client.AMQP;
import dev.roger.api.Job;
import java.util.Date;
import java.util.Map;

/** The AMQP properties of job messages: persistent, JSON, {@code message_id} = job id, {@code app_id} = partition. */
public final class JobMessages {

    private JobMessages() {
    }

    /** Properties for publishing a job of a partition, with optional headers. */
    public static AMQP.BasicProperties properties(String partition, Job job, Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder()
                .contentType(JobCodec.CONTENT_TYPE)
                .contentEncoding("utf-8")
                .deliveryMode(2)
                .messageId(job.id())
                .appId(partition)
                .type(job.type())
                .timestamp(new Date())
                .headers(headers)
                .build();
    }
}
