package uk.crcledger.api.bench;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import com.sun.tools.attach.VirtualMachine;
import tools.jackson.databind.json.JsonMapper;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Puts what was measured since the start into {@code result} (MB), then fails if any of it could not be
     * measured. Call while the app still runs, at the end (it ends with a full GC).
     */
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
     * The app's memory now, for one step of the ledger's growth (MB, into {@code result} as measured): the resident set now and split into
     * anonymous memory (heap, metaspace, code, threads, malloc: what the JVM owns) and file-backed pages
     * (the search index's memory-mapped files: page cache the kernel can drop and re-read), the kernel's
     * high-water mark since start, the heap committed, then after a full collection the heap in use (the
     * live set) and the non-heap areas, the NIO buffers (direct, and mapped: the index files), threads, and
     * with native memory tracking on ({@code -XX:NativeMemoryTracking=summary}) the JVM's committed total.
     * The class histogram after that collection goes to {@code histogram} (what the live set is made of).
     */
    void step(Map<String, Object> result, Path histogram) throws Exception {
        result.put("rssMb", procStatus("VmRSS") / MB);
        result.put("rssAnonMb", procStatus("RssAnon") / MB);
        result.put("rssFileMb", procStatus("RssFile") / MB);
        result.put("rssHighWaterMarkMb", procStatus("VmHWM") / MB);
        if (server == null) {
            throw new IllegalStateException("No JMX connection to the app (" + failure.get() + "): only its RSS "
                    + "was measured");
        }
        MemoryMXBean memory = ManagementFactory.getPlatformMXBean(server, MemoryMXBean.class);
        result.put("heapCommittedMb", memory.getHeapMemoryUsage().getCommitted() / MB);
        result.put("heapMaxMb", memory.getHeapMemoryUsage().getMax() / MB);
        memory.gc();
        result.put("heapAfterFullGcMb", memory.getHeapMemoryUsage().getUsed() / MB);
        result.put("heapAfterFullGcBytes", memory.getHeapMemoryUsage().getUsed());
        result.put("nonHeapCommittedMb", memory.getNonHeapMemoryUsage().getCommitted() / MB);
        long codeCache = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class)) {
            if (pool.getName().equals("Metaspace")) {
                result.put("metaspaceUsedMb", pool.getUsage().getUsed() / MB);
                result.put("metaspaceCommittedMb", pool.getUsage().getCommitted() / MB);
            } else if (pool.getName().startsWith("CodeHeap") || pool.getName().equals("Code Cache")) {
                codeCache += pool.getUsage().getCommitted();
            }
        }
        result.put("codeCacheCommittedMb", codeCache / MB);
        for (BufferPoolMXBean buffers : ManagementFactory.getPlatformMXBeans(server, BufferPoolMXBean.class)) {
            if (buffers.getName().equals("direct") || buffers.getName().equals("mapped")) {
                result.put(buffers.getName() + "BuffersMb", buffers.getMemoryUsed() / MB);
            }
        }
        result.put("threads", ManagementFactory.getPlatformMXBean(server, ThreadMXBean.class).getThreadCount());
        String nmt = diagnosticCommand("vmNativeMemory", "summary");
        Matcher total = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB").matcher(nmt);
        if (total.find()) {
            result.put("nmtCommittedMb", Long.parseLong(total.group(2)) / 1024);
            Matcher area = Pattern.compile("-\\s+([A-Za-z][A-Za-z ]*?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)")
                    .matcher(nmt);
            while (area.find()) {
                result.put("nmt." + area.group(1).replace(" ", "") + "CommittedMb", Long.parseLong(area.group(2)) / 1024);
            }
        }
        String classes = diagnosticCommand("gcClassHistogram");
        Files.createDirectories(histogram.getParent());
        Files.writeString(histogram, String.join("\n", classes.lines().limit(60).toList()) + "\n");
    }

    /** A {@code jcmd} command run in the app over JMX (e.g. {@code gcClassHistogram}); answers its output. */
    private String diagnosticCommand(String operation, String... arguments) throws Exception {
        return (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                new Object[] {arguments}, new String[] {String[].class.getName()});
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
