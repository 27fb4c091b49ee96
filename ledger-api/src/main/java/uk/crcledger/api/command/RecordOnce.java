package uk.crcledger.api.command;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import uk.crcledger.entry.AlreadyRecordedException;
import uk.crcledger.entry.RecordedBy;

/**
 * Sends a recording command for a subject that may be there already (the reference data on every start, a row of a
 * re-uploaded file): recorded once, and a second sending is a no-op rather than an error. What the seeder and the
 * bulk import share.
 */
public final class RecordOnce {

    private static final int ATTEMPTS = 3;

    private RecordOnce() {
    }

    /**
     * @return true when the command was recorded, false when its subject was there already
     * @throws RuntimeException any other refusal, as the gateway threw it
     */
    public static boolean send(CommandGateway commands, Object command, String recordedBy) {
        for (int attempt = 1; ; attempt++) {
            try {
                commands.sendAndWait(command, MetaData.with(RecordedBy.METADATA_KEY, recordedBy));
                return true;
            } catch (RuntimeException e) {
                if (cause(e, AlreadyRecordedException.class) != null
                        || cause(e, AggregateStreamCreationException.class) != null) {
                    return false;
                }
                // Someone else appended to the same stream meanwhile: sending again sees what they wrote.
                if (attempt < ATTEMPTS && cause(e, ConcurrencyException.class) != null) {
                    continue;
                }
                throw e;
            }
        }
    }

    /** The first of the exception's causes (itself included) of the type, or null. */
    public static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
