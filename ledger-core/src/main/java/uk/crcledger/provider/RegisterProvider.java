package uk.crcledger.provider;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.crcledger.register.ProviderId;

import java.util.List;

/**
 * Register a provider. Who registers it comes from metadata {@code recordedBy}.
 *
 * @param kind    free text as reported, e.g. "private-led consortium" (optional)
 * @param members consortium members as named in reporting, e.g. "Interserve (80% of shares)"; may be empty
 */
public record RegisterProvider(@TargetAggregateIdentifier ProviderId providerId, String name, String kind,
                               List<String> members) {
}
