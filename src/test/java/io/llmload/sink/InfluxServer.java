package io.llmload.sink;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real InfluxDB 1.x ({@code influxd} from Debian's influxdb package) for tests: loopback ports,
 * data in a temp folder, killable and restartable on the same port and data.
 */
public final class InfluxServer implements AutoCloseable {

    /** The same configuration scripts/influxd-local.sh starts. */
    private static final Path SHARED_CONFIG = Path.of("scripts", "influxd-local.conf");

    private final Path dir;
    private final int httpPort;
    private final Path config;
    private Process process;

    private InfluxServer() throws IOException {
        this.dir = Files.createTempDirectory("llmload-influx-test");
        // both chosen while both sockets are open, so the two differ
        int rpcPort;
        try (ServerSocket http = new ServerSocket(0); ServerSocket rpc = new ServerSocket(0)) {
            this.httpPort = http.getLocalPort();
            rpcPort = rpc.getLocalPort();
        }
        this.config = dir.resolve("influxdb.conf");
        Files.writeString(config, Files.readString(SHARED_CONFIG).replace("@DIR@", dir.toString())
                .replace("@HTTP_PORT@", String.valueOf(httpPort)).replace("@RPC_PORT@", String.valueOf(rpcPort)));
    }

    public static InfluxServer start() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            InfluxServer server = new InfluxServer();
            try {
                server.launch();
                return server;
            } catch (IOException e) {
                // another process took a chosen port before influxd bound it: choose again
                Path log = server.dir.resolve("influxd.log");
                if (attempt == 3 || !Files.exists(log) || !Files.readString(log).contains("address already in use")) throw e;
            }
        }
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** kill -9: no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public void restart() throws IOException, InterruptedException {
        launch();
    }

    public QueryResult query(String database, String influxQl) {
        try (InfluxDB client = InfluxDBFactory.connect(url())) {
            QueryResult result = client.query(new Query(influxQl, database));
            if (result.getError() != null) throw new IllegalStateException(influxQl + ": " + result.getError());
            for (QueryResult.Result r : result.getResults()) {
                if (r.getError() != null) throw new IllegalStateException(influxQl + ": " + r.getError());
            }
            return result;
        }
    }

    /** The single number a {@code SELECT count(...)}/{@code sum(...)} query returns, or 0 without rows. */
    public long number(String database, String influxQl) {
        QueryResult.Result r = query(database, influxQl).getResults().get(0);
        if (r.getSeries() == null || r.getSeries().isEmpty()) return 0;
        return ((Number) r.getSeries().get(0).getValues().get(0).get(1)).longValue();
    }

    private void launch() throws IOException, InterruptedException {
        String influxd = Files.isExecutable(Path.of("/usr/bin/influxd")) ? "/usr/bin/influxd" : "influxd";
        try {
            process = new ProcessBuilder(influxd, "-config", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("influxd.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot start influxd (install it: apt-get install -y influxdb; .ci/run does): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("influxd exited; see " + dir.resolve("influxd.log"));
            if (pingOk()) return;
            Thread.sleep(100);
        }
        throw new IOException("influxd did not answer /ping within 30 s; see " + dir.resolve("influxd.log"));
    }

    private boolean pingOk() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/ping").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(500);
            return c.getResponseCode() == 204;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }
}
