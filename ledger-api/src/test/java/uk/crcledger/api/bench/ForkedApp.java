package uk.crcledger.api.bench;

import uk.crcledger.api.LedgerApplication;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The app as a separate JVM on the test classpath (as {@code AppCrashBenchmark} starts it): seed off,
 * an admin token given, the embedded server on a fixed port or a MongoDB given by URI, the metrics
 * endpoint exposed for the heap figures. Its output goes to a log file, whose tail is shown when it
 * fails to start.
 */
final class ForkedApp implements AutoCloseable {

    static final String ADMIN = "admin.app-bench-secret-0123456789abcdef";
    /** USER_HZ: 100 on every Linux the JDK runs on. */
    private static final long CLOCK_TICKS = 100;

    private final Process process;
    private final int port;
    private final Path log;
    private final String storeUri;
    private final String database;

    private ForkedApp(Process process, int port, Path log, String storeUri, String database) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.storeUri = storeUri;
        this.database = database;
    }

    /**
     * @param externalUri a MongoDB to use instead of the embedded server, or null
     * @param database    the database the app uses
     * @param jvmOptions  extra options for the app's JVM ({@code -Xmx}, JFR)
     */
    static ForkedApp start(Path dataDir, Path log, String externalUri, String database, List<String> jvmOptions)
            throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LedgerApplication.class.getName(),
                "--server.port=" + port, "--ledger.data-dir=" + dataDir, "--ledger.seed=false",
                "--ledger.admin-token=" + ADMIN, "--ledger.database=" + database,
                // The metrics endpoint, for jvm.memory.used (configuration only: the app is unchanged).
                "--management.endpoints.web.exposure.include=health,info,prometheus,metrics"));
        String storeUri;
        if (externalUri != null) {
            command.add("--ledger.mongodb-uri=" + externalUri);
            storeUri = externalUri;
        } else {
            int storePort = freePort();
            command.add("--ledger.embedded.port=" + storePort);
            storeUri = "mongodb://127.0.0.1:" + storePort;
        }
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        // The environment the README's start command and the Dockerfile give the JVM.
        builder.environment().putAll(uk.crcledger.api.deploy.JvmMemoryFlags.ENVIRONMENT);
        Process process = builder.start();
        ForkedApp app = new ForkedApp(process, port, log, storeUri, database);
        try {
            app.awaitReady(Duration.ofMinutes(3));
        } catch (Exception e) {
            app.close();
            throw e;
        }
        return app;
    }

    private void awaitReady(Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        try (RawHttp http = new RawHttp(port)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The app exited with " + process.exitValue() + " before it was "
                            + "ready; its log ends:\n" + tail(60));
                }
                try {
                    if (http.get("/actuator/health/readiness", null, false).status() == 200) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    http.close();
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("The app was not ready within " + atMost + "; its log ends:\n" + tail(60));
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The store the app uses, for the benchmark's own connection. */
    String storeUri() {
        return storeUri;
    }

    String database() {
        return database;
    }

    Path log() {
        return log;
    }

    /**
     * CPU time the app has used so far (user + system, from /proc/<pid>/stat; -1 elsewhere): on a shared
     * machine, work per CPU second is comparable between runs where rates per wall second are not.
     */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return ticks * 1000 / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the app: politely first (so a flight recording is written), then kill -9. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
