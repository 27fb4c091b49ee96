package uk.crcledger.api.imports;

import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.crcledger.api.command.RecordOnce;
import uk.crcledger.api.store.MongoImports;
import uk.crcledger.entry.EntryDirectory;
import uk.crcledger.entry.LedgerRuleException;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.imports.FinishImport;
import uk.crcledger.imports.ImportId;
import uk.crcledger.imports.StartImport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records an import's rows in the background through the command gateway, as the JSON endpoints do, as the user who
 * uploaded the file. Rows are taken in the file's order, a few at once ({@link ImportProperties#concurrency()});
 * a row that changes who holds a CRC waits for the rows above it and is recorded alone, so the rows below it find
 * it. Each row is idempotent: its entry id comes from its content, so a row whose id the entry directory knows is
 * counted as already recorded and not sent; a row a rule refuses is counted as failed with the rule's message, and
 * the others go on. Progress is written to {@link MongoImports} at most every {@value #FLUSH_MILLIS} ms; the start
 * and the end are the {@code BulkImport}'s facts in the ledger.
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    private static final long FLUSH_MILLIS = 250;
    /** A running import not written for this long is no longer run by anyone (its app stopped). */
    private static final Duration STALE = Duration.ofSeconds(60);

    private final CommandGateway commands;
    private final EntryDirectory directory;
    private final MongoImports store;
    private final int concurrency;
    private final ExecutorService imports = Executors.newCachedThreadPool(named("import-"));
    private final ExecutorService rows;
    private final Map<String, Progress> running = new ConcurrentHashMap<>();

    ImportRunner(CommandGateway commands, EntryDirectory directory, MongoImports store, ImportProperties properties) {
        this.commands = commands;
        this.directory = directory;
        this.store = store;
        this.concurrency = properties.concurrency();
        this.rows = Executors.newFixedThreadPool(concurrency, named("import-row-"));
    }

    /** Records the import's start in the ledger, then its rows in the background. */
    ImportStatus start(ImportId id, String fileSha256, String user, List<ImportRow> toRecord) {
        commands.sendAndWait(new StartImport(id, fileSha256, toRecord.size()), by(user));
        Progress progress = new Progress(id, fileSha256, user, toRecord.size());
        running.put(id.value(), progress);
        progress.save("running");
        imports.execute(() -> run(progress, toRecord));
        return status(progress.stored("running"));
    }

    Optional<ImportStatus> find(String id) {
        return store.find(id).map(ImportRunner::status);
    }

    private void run(Progress progress, List<ImportRow> toRecord) {
        Semaphore slots = new Semaphore(concurrency);
        try {
            for (ImportRow row : toRecord) {
                if (row.shapesContracts()) {
                    slots.acquire(concurrency);
                    try {
                        record(progress, row);
                    } finally {
                        slots.release(concurrency);
                    }
                } else {
                    slots.acquire();
                    rows.execute(() -> {
                        try {
                            record(progress, row);
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
            slots.acquire(concurrency);
            commands.sendAndWait(new FinishImport(progress.id, progress.recorded.get(),
                    progress.alreadyRecorded.get(), progress.failed.get()), by(progress.user));
            progress.save("finished");
            log.info("Import {} by {}: {} rows, {} recorded, {} already recorded, {} failed", progress.id,
                    progress.user, progress.total, progress.recorded, progress.alreadyRecorded, progress.failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.save("interrupted");
        } catch (RuntimeException e) {
            log.error("Import {} stopped", progress.id, e);
            progress.save("interrupted");
        } finally {
            running.remove(progress.id.value());
        }
    }

    private void record(Progress progress, ImportRow row) {
        try {
            if (directory.ownerOf(row.entryId()).isPresent() || !send(row.command(), progress.user)) {
                progress.alreadyRecorded.incrementAndGet();
            } else {
                progress.recorded.incrementAndGet();
            }
        } catch (RuntimeException e) {
            LedgerRuleException rule = RecordOnce.cause(e, LedgerRuleException.class);
            if (rule == null) {
                log.error("Import {}: row {} could not be recorded", progress.id, row.row(), e);
            }
            progress.problems.add(new RowProblem(row.row(), null, rule != null ? rule.getMessage()
                    : "could not be recorded (" + e.getClass().getSimpleName() + "); upload the file again to retry it"));
            progress.failed.incrementAndGet();
        }
        progress.saveIfDue();
    }

    /** True when recorded, false when the entry was there already (recorded meanwhile by another upload). */
    private boolean send(Object command, String user) {
        return RecordOnce.send(commands, command, user);
    }

    private static MetaData by(String user) {
        return MetaData.with(RecordedBy.METADATA_KEY, user);
    }

    private static ImportStatus status(MongoImports.StoredImport stored) {
        String status = "running".equals(stored.state()) && stored.updatedAt().isBefore(Instant.now().minus(STALE))
                ? "interrupted" : stored.state();
        return new ImportStatus(stored.id(), status, stored.startedBy(), stored.startedAt(), stored.finishedAt(),
                stored.fileSha256(), stored.total(), stored.recorded() + stored.alreadyRecorded() + stored.failed(),
                stored.recorded(), stored.alreadyRecorded(), stored.failed(), stored.problems().stream()
                .map(p -> new RowProblem(p.row(), p.field(), p.message())).toList());
    }

    /** Imports still running when the app stops are marked interrupted; a re-upload finishes them. */
    @PreDestroy
    void stop() {
        imports.shutdownNow();
        rows.shutdownNow();
        running.values().forEach(p -> p.save("interrupted"));
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One import's counts as they grow. */
    private final class Progress {
        final ImportId id;
        final String fileSha256;
        final String user;
        final int total;
        final Instant startedAt = Instant.now();
        final AtomicInteger recorded = new AtomicInteger();
        final AtomicInteger alreadyRecorded = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final ConcurrentLinkedQueue<RowProblem> problems = new ConcurrentLinkedQueue<>();
        private long savedAt;

        Progress(ImportId id, String fileSha256, String user, int total) {
            this.id = id;
            this.fileSha256 = fileSha256;
            this.user = user;
            this.total = total;
        }

        synchronized void saveIfDue() {
            if (System.currentTimeMillis() - savedAt >= FLUSH_MILLIS) {
                save("running");
            }
        }

        synchronized void save(String state) {
            store.save(stored(state));
            savedAt = System.currentTimeMillis();
        }

        MongoImports.StoredImport stored(String state) {
            Instant now = Instant.now();
            List<RowProblem> listed = new ArrayList<>(problems);
            listed.sort(Comparator.comparingInt(RowProblem::row));
            return new MongoImports.StoredImport(id.value(), state, user, startedAt, now,
                    "running".equals(state) ? null : now, fileSha256, total, recorded.get(), alreadyRecorded.get(),
                    failed.get(), listed.subList(0, Math.min(ImportCheck.LISTED, listed.size())).stream()
                    .map(p -> new MongoImports.StoredProblem(p.row(), p.field(), p.message())).toList());
        }
    }
}
