package uk.crcledger.imports;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import uk.crcledger.entry.AlreadyRecordedException;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.RecordedBy;

import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One import of a file, its own aggregate (id {@link ImportId}): started once by someone, with the file's SHA-256 and
 * its number of rows, and finished once with every row accounted for.
 */
public class BulkImport {

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private ImportId importId;
    private int rows;
    private boolean finished;

    protected BulkImport() {
        // for Axon
    }

    @CommandHandler
    public BulkImport(StartImport command, @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy) {
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        if (command.importId() == null) {
            throw new InvalidEntryException("importId is required");
        }
        if (command.fileSha256() == null || !SHA_256.matcher(command.fileSha256()).matches()) {
            throw new InvalidEntryException("fileSha256 must be 64 lower-case hex digits, was '"
                    + command.fileSha256() + "'");
        }
        if (command.rows() < 1) {
            throw new InvalidEntryException("an import needs at least one row, had " + command.rows());
        }
        apply(new ImportStarted(command.importId(), command.fileSha256(), command.rows(), by));
    }

    @CommandHandler
    public void handle(FinishImport command, @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy) {
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        if (finished) {
            throw new AlreadyRecordedException("import " + importId + " is finished already");
        }
        if (command.recorded() < 0 || command.alreadyRecorded() < 0 || command.failed() < 0) {
            throw new InvalidEntryException("an import's counts cannot be negative, were " + counts(command));
        }
        long accounted = (long) command.recorded() + command.alreadyRecorded() + command.failed();
        if (accounted != rows) {
            throw new InvalidEntryException("import " + importId + " has " + rows + " rows but its counts ("
                    + counts(command) + ") add up to " + accounted);
        }
        apply(new ImportFinished(importId, command.recorded(), command.alreadyRecorded(), command.failed(), by));
    }

    private static String counts(FinishImport command) {
        return "recorded " + command.recorded() + ", already recorded " + command.alreadyRecorded() + ", failed "
                + command.failed();
    }

    @EventSourcingHandler
    void on(ImportStarted event) {
        this.importId = event.importId();
        this.rows = event.rows();
    }

    @EventSourcingHandler
    void on(ImportFinished event) {
        this.finished = true;
    }
}
