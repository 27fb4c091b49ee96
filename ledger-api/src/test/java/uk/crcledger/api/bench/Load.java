package uk.crcledger.api.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Closed-loop load: {@code clients} threads, each with its own connection, make one call after the
 * other; every latency of the measured part is kept and the percentiles are taken from all of them
 * (sorted, no histogram buckets). Any failed call (for HTTP: any status but the expected one) fails
 * the run. Closed loop: a slow answer delays that client's next request (no coordinated-omission
 * correction), so p99 is that of the answers given, at the throughput reached.
 */
final class Load {

    /** One request of an HTTP client: its own random source, so clients pick targets independently. */
    interface Request {
        RawHttp.Response send(RawHttp http, SplittableRandom random);
    }

    /** One client's connection: makes one call, throws when it fails. */
    interface Client extends AutoCloseable {
        void call(SplittableRandom random) throws Exception;

        @Override
        void close();
    }

    /** The figures of one run. */
    record Result(long requests, double seconds, long perSecond, double p50Millis, double p90Millis,
                  double p99Millis, double maxMillis) {

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("requests", requests);
            map.put("perSecond", perSecond);
            map.put("p50Ms", p50Millis);
            map.put("p90Ms", p90Millis);
            map.put("p99Ms", p99Millis);
            map.put("maxMs", maxMillis);
            return map;
        }
    }

    private Load() {
    }

    /** HTTP clients, each on its own keep-alive connection, failing on any other status than expected. */
    static Supplier<Client> http(int port, int expectedStatus, Request request) {
        return () -> new Client() {
            private final RawHttp http = new RawHttp(port);

            @Override
            public void call(SplittableRandom random) {
                check(request.send(http, random), expectedStatus);
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }

    /** Runs for a warm-up, then measures for a fixed time. */
    static Result forDuration(int clients, long warmupMillis, long measureMillis, Supplier<Client> client,
                              Runnable atStart, Runnable atEnd) throws Exception {
        return run(clients, warmupMillis, measureMillis, -1, client, atStart, atEnd);
    }

    /**
     * Makes {@code count} calls in all (after {@code warmup} calls in all), measured, or fewer when
     * {@code maxMillis} have passed first.
     */
    static Result forCount(int clients, int warmup, int count, long maxMillis, Supplier<Client> client,
                           Runnable atStart, Runnable atEnd) throws Exception {
        return run(clients, warmup, maxMillis, count, client, atStart, atEnd);
    }

    /** {@code atStart} runs when the measured part starts, {@code atEnd} when its last call has returned. */
    private static Result run(int clients, long warmup, long measureMillis, int count, Supplier<Client> factory,
                              Runnable atStart, Runnable atEnd) throws Exception {
        boolean byCount = count >= 0;
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread thread = new Thread(r, "bench-client");
            thread.setDaemon(true);
            return thread;
        });
        // Duration: the measured part starts at a fixed instant for all. Count: when the first
        // measured call starts.
        long warmupEnd = System.nanoTime() + (byCount ? 0 : warmup * 1_000_000L);
        AtomicLong measureEnd = new AtomicLong(byCount ? Long.MAX_VALUE : warmupEnd + measureMillis * 1_000_000L);
        AtomicLong measureStart = new AtomicLong(byCount ? 0 : warmupEnd);
        AtomicInteger warmupLeft = new AtomicInteger((int) (byCount ? warmup : 0));
        AtomicInteger left = new AtomicInteger(count);
        AtomicReference<String> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        List<Future<long[]>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long seed = 1_000 + c;
            work.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                long[] latencies = new long[1024];
                int n = 0;
                try (Client client = factory.get()) {
                    while (failure.get() == null && (byCount ? warmupLeft.getAndDecrement() > 0
                            : System.nanoTime() < warmupEnd)) {
                        client.call(random);
                    }
                    while (failure.get() == null) {
                        if (System.nanoTime() >= measureEnd.get() || byCount && left.getAndDecrement() <= 0) {
                            break;
                        }
                        if (started.compareAndSet(false, true)) {
                            atStart.run();
                        }
                        long began = System.nanoTime();
                        if (byCount && measureStart.compareAndSet(0, began)) {
                            measureEnd.set(began + measureMillis * 1_000_000L);
                        }
                        client.call(random);
                        long took = System.nanoTime() - began;
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = took;
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e.toString());
                    throw e;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        try {
            for (Future<long[]> f : work) {
                all.add(f.get());
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("A load client failed: " + failure.get(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long finished = System.nanoTime();
        atEnd.run();
        int total = all.stream().mapToInt(a -> a.length).sum();
        long[] sorted = new long[total];
        int at = 0;
        for (long[] a : all) {
            System.arraycopy(a, 0, sorted, at, a.length);
            at += a.length;
        }
        Arrays.sort(sorted);
        double seconds = (finished - measureStart.get()) / 1e9;
        return new Result(total, round(seconds), Math.round(total / seconds), millis(sorted, 0.50),
                millis(sorted, 0.90), millis(sorted, 0.99), total == 0 ? 0 : round(sorted[total - 1] / 1e6));
    }

    static void check(RawHttp.Response response, int expected) {
        if (response.status() != expected) {
            throw new IllegalStateException("status " + response.status() + " (expected " + expected + ")"
                    + (response.body() != null ? ": " + response.body() : ""));
        }
    }

    /** The nearest-rank percentile. */
    static double millis(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * sortedNanos.length);
        return round(sortedNanos[Math.max(0, Math.min(sortedNanos.length, rank) - 1)] / 1e6);
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
