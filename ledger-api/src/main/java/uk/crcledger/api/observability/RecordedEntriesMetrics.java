package uk.crcledger.api.observability;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryRecorded;

/**
 * Counts {@value LedgerMetrics#ENTRIES_RECORDED} from the event stream and logs one line per stored
 * entry (with its {@code entryId} in the MDC). Its processing group is a subscribing processor
 * ({@code axon.eventhandling.processors.ledger-metrics.mode=subscribing}), so each event is counted
 * once, on the instance that stored it, and never again on replays or by other instances. The count
 * and the line happen after the unit of work commits: an event whose storage fails is not counted.
 */
@Component
@ProcessingGroup(RecordedEntriesMetrics.PROCESSING_GROUP)
public class RecordedEntriesMetrics {

    public static final String PROCESSING_GROUP = "ledger-metrics";

    private static final Logger log = LoggerFactory.getLogger(RecordedEntriesMetrics.class);

    private final LedgerMetrics metrics;

    public RecordedEntriesMetrics(LedgerMetrics metrics) {
        this.metrics = metrics;
    }

    /** Every kind's recording event, counted under its entry type's JSON name ("incident-report"). */
    @EventHandler
    void on(EntryRecorded event) {
        recorded(event.type().jsonName(), event.entryId());
    }

    @EventHandler
    void on(EntryCorrected event) {
        recorded("correction", event.entryId());
    }

    @EventHandler
    void on(EntryRetracted event) {
        recorded("retraction", event.entryId());
    }

    private void recorded(String type, EntryId entryId) {
        Runnable count = () -> {
            metrics.entryRecorded(type);
            String id = entryId == null ? null : entryId.value();
            String previous = MDC.get(LogContext.ENTRY_ID);
            if (id != null) {
                MDC.put(LogContext.ENTRY_ID, id);
            }
            try {
                // DEBUG: the ledger itself records who recorded what, and a start that records the reference
                // data would otherwise log a line per entry.
                log.debug("Recorded {} {}", type, id);
            } finally {
                LogContext.restore(LogContext.ENTRY_ID, previous);
            }
        };
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> count.run());
        } else {
            count.run();
        }
    }
}
