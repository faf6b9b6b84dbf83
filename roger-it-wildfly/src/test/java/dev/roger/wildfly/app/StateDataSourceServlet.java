package dev.roger.wildfly.app;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Defines the application's PostgreSQL DataSource (the driver is in WEB-INF/lib) that Roger's JDBC
 * state persister uses on nodes started with {@code -Droger.stateDataSource=jdbc/roger-state}: the
 * name without {@code java:app/}, as users write it, so Roger's lookup has to find it there. Answers
 * whether a connection can be had, so a broken definition shows as such rather than as a paused queue
 * that does not stay paused.
 */
@DataSourceDefinition(name = "java:app/jdbc/roger-state", className = "org.postgresql.ds.PGSimpleDataSource",
        url = "jdbc:postgresql://127.0.0.1:5432/postgres", serverName = "127.0.0.1", portNumber = 5432,
        databaseName = "postgres", user = "postgres")
@WebServlet("/ds")
public class StateDataSourceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:app/jdbc/roger-state")
    DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        try (Connection c = dataSource.getConnection()) {
            resp.getWriter().print(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            resp.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            resp.getWriter().print(e.getMessage());
        }
    }
}
