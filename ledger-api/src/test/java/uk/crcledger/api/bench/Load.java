package uk.crcledger.api.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Closed-loop load: {@code clients} threads, each with its own connection, make one call after the
 * other; every latency measured is kept and the percentiles are taken from all of them (sorted, no
 * histogram buckets). Any failed call (for HTTP: any status but the expected one) fails the run.
 * Closed loop: a slow answer delays that client's next request (no coordinated-omission correction), so
 * the percentiles are those of the answers given at the throughput reached.
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

    /**
     * The figures of one run.
     *
     * @param requests the calls measured
     * @param calls    every call made, warm-up included (what the server worked on during the run)
     */
    record Result(long requests, double seconds, long perSecond, double p50Millis, double p90Millis,
                  double p99Millis, double maxMillis, long calls) {

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("requests", requests);
            map.put("seconds", seconds);
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

    /**
     * Steady load: after {@code warmupMillis}, every call that completes within the window is measured
     * (calls begun during the warm-up too: the load was the same); the window lasts
     * {@code measureMillis}, longer (up to {@code maxMillis}) until at least {@code minRequests} calls have
     * completed in it, so slow endpoints still give enough answers. Calls in flight when it closes are
     * not measured. {@code atStart} and {@code atEnd} run before the first call and after the last one.
     */
    static Result forDuration(int clients, long warmupMillis, long measureMillis, int minRequests, long maxMillis,
                              Supplier<Client> factory, Runnable atStart, Runnable atEnd) throws Exception {
        long begun = System.nanoTime();
        long windowStart = begun + warmupMillis * 1_000_000L;
        long minEnd = windowStart + measureMillis * 1_000_000L;
        long maxEnd = windowStart + Math.max(measureMillis, maxMillis) * 1_000_000L;
        AtomicLong windowEnd = new AtomicLong(Long.MAX_VALUE);
        AtomicInteger measured = new AtomicInteger();
        AtomicLong calls = new AtomicLong();
        atStart.run();
        List<long[]> all = runClients(clients, factory, (client, random, latencies, failed) -> {
            int n = 0;
            while (windowEnd.get() == Long.MAX_VALUE && !failed.getAsBoolean()) {
                long started = System.nanoTime();
                client.call(random);
                long done = System.nanoTime();
                calls.incrementAndGet();
                if (done >= windowStart && done <= windowEnd.get()) {
                    latencies = grow(latencies, n);
                    latencies[n++] = done - started;
                    measured.incrementAndGet();
                }
                if (done >= maxEnd || done >= minEnd && measured.get() >= minRequests) {
                    windowEnd.compareAndSet(Long.MAX_VALUE, done);
                }
            }
            return Arrays.copyOf(latencies, n);
        });
        atEnd.run();
        // A call that completed after the window closed but was counted before a thread saw it close
        // is within rounding of the window's end; the window's length is what the rate is taken over.
        return result(all, (windowEnd.get() - windowStart) / 1e9, calls.get());
    }

    /**
     * Makes {@code count} calls in all (after {@code warmup} calls in all), measured, or fewer when
     * {@code maxMillis} have passed first.
     */
    static Result forCount(int clients, int warmup, int count, long maxMillis, Supplier<Client> factory,
                           Runnable atStart, Runnable atEnd) throws Exception {
        AtomicInteger warmupLeft = new AtomicInteger(warmup);
        AtomicInteger left = new AtomicInteger(count);
        AtomicLong measureStart = new AtomicLong();
        AtomicLong measureEnd = new AtomicLong(Long.MAX_VALUE);
        AtomicLong calls = new AtomicLong();
        atStart.run();
        List<long[]> all = runClients(clients, factory, (client, random, latencies, failed) -> {
            int n = 0;
            while (!failed.getAsBoolean() && warmupLeft.getAndDecrement() > 0) {
                client.call(random);
                calls.incrementAndGet();
            }
            while (!failed.getAsBoolean() && System.nanoTime() < measureEnd.get() && left.getAndDecrement() > 0) {
                long started = System.nanoTime();
                if (measureStart.compareAndSet(0, started)) {
                    measureEnd.set(started + maxMillis * 1_000_000L);
                }
                client.call(random);
                calls.incrementAndGet();
                latencies = grow(latencies, n);
                latencies[n++] = System.nanoTime() - started;
            }
            return Arrays.copyOf(latencies, n);
        });
        long finished = System.nanoTime();
        atEnd.run();
        return result(all, (finished - measureStart.get()) / 1e9, calls.get());
    }

    /** One client's calls; stops early when {@code failed} says another client has failed. */
    private interface Loop {
        long[] run(Client client, SplittableRandom random, long[] latencies, BooleanSupplier failed) throws Exception;
    }

    private static List<long[]> runClients(int clients, Supplier<Client> factory, Loop loop) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread thread = new Thread(r, "bench-client");
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Future<long[]>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long seed = 1_000 + c;
            work.add(pool.submit(() -> {
                try (Client client = factory.get()) {
                    return loop.run(client, new SplittableRandom(seed), new long[1024], () -> failure.get() != null);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                    throw e;
                }
            }));
        }
        List<long[]> all = new ArrayList<>();
        try {
            for (Future<long[]> f : work) {
                all.add(f.get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("A load client failed: " + failure.get(), failure.get());
        } finally {
            pool.shutdownNow();
        }
        return all;
    }

    private static long[] grow(long[] latencies, int n) {
        return n < latencies.length ? latencies : Arrays.copyOf(latencies, n * 2);
    }

    private static Result result(List<long[]> all, double seconds, long calls) {
        int total = all.stream().mapToInt(a -> a.length).sum();
        long[] sorted = new long[total];
        int at = 0;
        for (long[] a : all) {
            System.arraycopy(a, 0, sorted, at, a.length);
            at += a.length;
        }
        Arrays.sort(sorted);
        return new Result(total, round(seconds), Math.round(total / Math.max(seconds, 1e-9)), millis(sorted, 0.50),
                millis(sorted, 0.90), millis(sorted, 0.99), total == 0 ? 0 : round(sorted[total - 1] / 1e6), calls);
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
