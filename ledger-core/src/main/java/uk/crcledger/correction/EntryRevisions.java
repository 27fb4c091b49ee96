package uk.crcledger.correction;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.entry.EntryDirectory;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryOwner;
import uk.crcledger.entry.EntryRules;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.UnknownReferenceException;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Handles {@link CorrectEntry} and {@link RetractEntry}. They carry only an entry id, while contract entries live
 * in their CRC's stream, so this external handler asks the {@link EntryDirectory} which aggregate holds the entry,
 * loads it from the repository given for that entry type and lets the aggregate revise it. The rules are the
 * aggregate's.
 *
 * <p>The repositories are handed in by entry type rather than named here: the kinds depend on this package (their
 * aggregates are {@link Revisable}), so naming them here would make a package cycle. The catalogue of kinds
 * ({@code uk.crcledger.kinds.EntryKinds}) wires them all.
 *
 * <p>Register it as a command handler with the Axon configuration; {@link ContractRegister} is resolved as a
 * handler parameter like in the aggregates.
 */
public class EntryRevisions {

    private final EntryDirectory directory;
    private final Map<EntryType, Repository<? extends Revisable>> repositories;

    /** @param repositories the repository of the aggregate that holds each type of entry */
    public EntryRevisions(EntryDirectory directory,
                          Map<EntryType, ? extends Repository<? extends Revisable>> repositories) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.repositories = new EnumMap<>(EntryType.class);
        repositories.forEach((type, repository) ->
                this.repositories.put(type, Objects.requireNonNull(repository, "repository of " + type)));
    }

    /** For tests that wire only some aggregate types, such as a fixture of one aggregate. */
    public static Builder builder(EntryDirectory directory) {
        return new Builder(directory);
    }

    @CommandHandler
    public void handle(CorrectEntry command, @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy,
                       ContractRegister register) {
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        holderOf(command.entryId()).execute(entries -> entries.correct(command, by, register));
    }

    @CommandHandler
    public void handle(RetractEntry command, @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy,
                       ContractRegister register) {
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        holderOf(command.entryId()).execute(entries -> entries.retract(command, by, register));
    }

    private Aggregate<? extends Revisable> holderOf(EntryId entryId) {
        EntryRules.require("entryId", entryId);
        EntryOwner owner = directory.ownerOf(entryId).orElseThrow(() -> unknown(entryId));
        Repository<? extends Revisable> repository = repositories.get(owner.entryType());
        if (repository == null) {
            throw new IllegalStateException("no repository configured for " + owner.entryType() + " entries");
        }
        try {
            return repository.load(owner.aggregateId());
        } catch (AggregateNotFoundException e) {
            // The directory names an aggregate the repository does not have (a directory out of step with the store).
            throw unknown(entryId);
        }
    }

    private static UnknownReferenceException unknown(EntryId entryId) {
        return new UnknownReferenceException("unknown entry " + entryId);
    }

    public static final class Builder {

        private final EntryDirectory directory;
        private final Map<EntryType, Repository<? extends Revisable>> repositories = new EnumMap<>(EntryType.class);

        private Builder(EntryDirectory directory) {
            this.directory = directory;
        }

        /** Entries of {@code types} live in aggregates of {@code repository} (awards and ends: the CRC's). */
        public Builder revises(Repository<? extends Revisable> repository, EntryType... types) {
            for (EntryType type : types) {
                repositories.put(type, repository);
            }
            return this;
        }

        public EntryRevisions build() {
            return new EntryRevisions(directory, repositories);
        }
    }
}
