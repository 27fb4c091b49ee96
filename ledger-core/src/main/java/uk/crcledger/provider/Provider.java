package uk.crcledger.provider;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import uk.crcledger.entry.AlreadyRecordedException;
import uk.crcledger.entry.EntryRules;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.register.ProviderId;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A provider. Its own aggregate so that "is this provider known?" is answered by its stream alone; what it holds is
 * kept by the CRCs, where the one-holder-per-CRC rule lives.
 *
 * <p>Registration uses {@code CREATE_IF_MISSING} rather than a constructor handler so that registering a known id
 * again reaches this aggregate and is refused with a clear message instead of a storage conflict.
 */
public class Provider {

    @AggregateIdentifier
    private ProviderId providerId;
    private String name;

    protected Provider() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterProvider command, @MetaDataValue(RecordedBy.METADATA_KEY) String recordedBy) {
        if (providerId != null) {
            throw new AlreadyRecordedException("provider " + providerId + " is already registered");
        }
        RecordedBy by = RecordedBy.fromMetaData(recordedBy);
        EntryRules.require("providerId", command.providerId());
        String name = EntryRules.requireText("name", command.name()).strip();
        List<String> members = command.members() == null ? List.of() : command.members();
        for (String member : members) {
            if (member == null || member.isBlank()) {
                throw new InvalidEntryException("members of provider " + command.providerId()
                        + " contain a blank name");
            }
        }
        apply(new ProviderRegistered(command.providerId(), name, EntryRules.blankToNull(command.kind()),
                members.stream().map(String::strip).toList(), by));
    }

    @EventSourcingHandler
    void on(ProviderRegistered event) {
        this.providerId = event.providerId();
        this.name = event.name();
    }

    public ProviderId providerId() {
        return providerId;
    }

    public String name() {
        return name;
    }
}
