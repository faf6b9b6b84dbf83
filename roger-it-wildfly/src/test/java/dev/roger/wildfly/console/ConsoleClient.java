package dev.roger.wildfly.console;

import dev.roger.wildfly.support.Http;
import dev.roger.wildfly.support.Http.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Calls roger-console.war over HTTP as one of the test's users, the way curl would. */
final class ConsoleClient {

    /** A caller: BASIC credentials of an application-realm user with one group, or none. */
    enum User {
        ADMIN("alice", "alice-pw", "roger-admin"), VIEWER("victor", "victor-pw", "roger-viewer"), NONE(null, null, null);

        final String name;
        final String password;
        final String group;

        User(String name, String password, String group) {
            this.name = name;
            this.password = password;
            this.group = group;
        }
    }

    private final String base;

    /** @param base e.g. {@code http://127.0.0.1:8780/roger-console} */
    ConsoleClient(String base) {
        this.base = base;
    }

    Reply get(User user, String path) {
        return send(user, "GET", path);
    }

    /** A change as the API expects it from a script: with {@code X-Roger-Request}, no body. */
    Reply post(User user, String path) {
        return send(user, "POST", path);
    }

    private Reply send(User user, String method, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (!method.equals("GET")) {
            b.header("X-Roger-Request", "1");
        }
        if (user.name != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user.name + ":" + user.password).getBytes(StandardCharsets.UTF_8)));
        }
        return Http.send(b.build());
    }
}
