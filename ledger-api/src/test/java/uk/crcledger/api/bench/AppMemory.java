package uk.crcledger.api.bench;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import com.sun.tools.attach.VirtualMachine;
import tools.jackson.databind.json.JsonMapper;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The forked app's memory. Polled every 250 ms: the heap in use from {@code /actuator/metrics} (the
 * brief's figure: how full the heap gets, which with the large default heap says more about the
 * collector than the app), the heap right after the last collection over JMX (lower, but it still holds
 * old-generation garbage that G1 sees no reason to collect while the heap is mostly free), and the
 * resident set from {@code /proc/<pid>/status}. At the end: the kernel's RSS high-water mark (VmHWM), the
 * heap pools' own peaks since start (JMX, which a poll cannot miss), and, after a full collection, what
 * the app really holds (its live set). No -Xlog or restart: the attach API starts the app's local JMX
 * agent.
 */
final class AppMemory implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MB = 1024 * 1024;

    private final ForkedApp app;
    private final Thread poller;
    private final AtomicLong peakHeapUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final JMXConnector jmx;
    private final MBeanServerConnection server;
    private final Set<String> heapPools = new HashSet<>();
    private final AtomicLong peakRss = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean running = true;

    AppMemory(ForkedApp app) {
        this.app = app;
        JMXConnector connector = null;
        MBeanServerConnection connection = null;
        try {
            // The attach API starts the app's local JMX agent: no flag, port or restart needed.
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(app.pid()));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            connection = connector.getMBeanServerConnection();
            for (MemoryPoolMXBean pool : ManagementFactory.getPlatformMXBeans(connection, MemoryPoolMXBean.class)) {
                if (pool.getType() == MemoryType.HEAP) {
                    heapPools.add(pool.getName());
                }
            }
        } catch (Exception | LinkageError e) {
            // Reported (and failing the memory section) at the end; the heap poll goes on without it.
            failure.set("JMX over the attach API: " + e);
        }
        this.jmx = connector;
        this.server = connection;
        this.poller = new Thread(this::poll, "bench-memory-poller");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    private void poll() {
        try (RawHttp http = new RawHttp(app.port())) {
            while (running && app.isAlive()) {
                try {
                    RawHttp.Response answer = http.get("/actuator/metrics/jvm.memory.used?tag=area:heap", null, true);
                    if (answer.status() == 200) {
                        peakHeapUsed.accumulateAndGet(value(answer.body()), Math::max);
                        samples.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, "jvm.memory.used answered " + answer.status());
                    }
                    peakAfterGc.accumulateAndGet(heapAfterLastGc(), Math::max);
                    peakRss.accumulateAndGet(procStatus("VmRSS"), Math::max);
                } catch (RuntimeException e) {
                    if (app.isAlive() && running) {
                        failure.compareAndSet(null, e.toString());
                    }
                    http.close();
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The heap in use right after the app's last collection (young or old). */
    private long heapAfterLastGc() {
        if (server == null) {
            return 0;
        }
        long most = 0;
        try {
            for (GarbageCollectorMXBean gc
                    : ManagementFactory.getPlatformMXBeans(server, GarbageCollectorMXBean.class)) {
                GcInfo last = gc.getLastGcInfo();
                if (last != null) {
                    long after = last.getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> heapPools.contains(e.getKey()))
                            .mapToLong(e -> e.getValue().getUsed()).sum();
                    most = Math.max(most, after);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (app.isAlive() && running) {
                failure.compareAndSet(null, "JMX: " + e);
            }
        }
        return most;
    }

    /** The first measurement's value in a {@code /actuator/metrics/...} answer. */
    @SuppressWarnings("unchecked")
    static long value(String body) {
        Map<String, Object> metric = JSON.readValue(body, Map.class);
        List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.get("measurements");
        return ((Number) measurements.get(0).get("value")).longValue();
    }

    /** A size line of /proc/<pid>/status in bytes (the kernel reports kB), 0 when not on Linux. */
    long procStatus(String field) {
        Path status = Path.of("/proc", String.valueOf(app.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Everything measured so far, in MB; call while the app still runs, at the end (it ends with a full GC). */
    /** Puts what was measured into {@code result} (MB), then fails if any of it could not be measured. */
    void report(Map<String, Object> result) throws Exception {
        result.put("heapUsedPeakSampledMb", peakHeapUsed.get() / MB);
        result.put("heapAfterGcPeakSampledMb", peakAfterGc.get() / MB);
        result.put("heapSamples", samples.get());
        try (RawHttp http = new RawHttp(app.port())) {
            result.put("heapMaxMb", value(http.get("/actuator/metrics/jvm.memory.max?tag=area:heap", null, true)
                    .body()) / MB);
            result.put("heapCommittedMb", value(http.get("/actuator/metrics/jvm.memory.committed?tag=area:heap",
                    null, true).body()) / MB);
        }
        result.put("rssPeakSampledMb", peakRss.get() / MB);
        result.put("rssHighWaterMarkMb", procStatus("VmHWM") / MB);
        if (server != null) {
            result.putAll(jmxPeaks());
            // Last: a full collection, then what is left is what the app holds (its live set now).
            MemoryMXBean heap = ManagementFactory.getPlatformMXBean(server, MemoryMXBean.class);
            heap.gc();
            result.put("heapAfterFullGcAtEndMb", heap.getHeapMemoryUsage().getUsed() / MB);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Measuring the app's memory failed: " + failure.get());
        }
    }

    /**
     * The heap pools' peaks since the JVM started, over JMX. Their sum is an upper bound of the heap's
     * peak (each pool peaks at its own moment); the old generation's peak is the nearest to the peak of
     * what the app keeps (live data and garbage not yet collected from it).
     */
    private Map<String, Object> jmxPeaks() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class)) {
            if (pool.getType() != MemoryType.HEAP) {
                continue;
            }
            MemoryUsage peak = pool.getPeakUsage();
            sum += peak.getUsed();
            if (pool.getName().contains("Old Gen") || pool.getName().contains("Tenured")) {
                result.put("oldGenPeakMb", peak.getUsed() / MB);
            }
        }
        result.put("heapPoolPeaksSumMb", sum / MB);
        return result;
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        try {
            poller.join(5_000);
            if (jmx != null) {
                jmx.close();
            }
        } catch (IOException e) {
            // the app is going away anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
