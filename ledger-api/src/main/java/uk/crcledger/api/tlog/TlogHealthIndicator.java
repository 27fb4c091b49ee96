package uk.crcledger.api.tlog;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import uk.crcledger.eventstore.tlog.LogIntegrator;
import uk.crcledger.eventstore.tlog.LogReader;
import uk.crcledger.eventstore.tlog.LogState;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code tlog} health component: DOWN once tampering is found (with the ledger position and
 * what is wrong), which also stops checkpoint signing until an operator has looked; otherwise UP
 * with the tree's size, the latest checkpoint's, and whether this instance integrates.
 */
@Component("tlogHealthIndicator")
public class TlogHealthIndicator implements HealthIndicator {

    private final LogReader log;
    private final LogIntegrator integrator;
    private final LogIdentity identity;

    public TlogHealthIndicator(LogReader log, LogIntegrator integrator, LogIdentity identity) {
        this.log = log;
        this.integrator = integrator;
        this.identity = identity;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("origin", identity.origin());
        details.put("integratedSize", log.integratedSize());
        details.put("checkpointSize", log.latest().map(LogState.SignedCheckpoint::size).orElse(0L));
        details.put("integratingHere", integrator.isIntegrating());
        if (integrator.refusesToSign()) {
            details.put("signing", "refused: this instance's signing key did not sign the latest checkpoint "
                    + "(instances must share ledger.tlog.signing-key)");
        }
        var alarm = log.alarm();
        if (alarm.isPresent()) {
            details.put("position", alarm.get().position());
            details.put("problem", alarm.get().problem());
            details.put("detectedAt", alarm.get().raisedAt().toString());
            details.put("detectedBy", alarm.get().raisedBy());
            details.put("signing", "stopped");
            return Health.down().withDetails(details).build();
        }
        return Health.up().withDetails(details).build();
    }
}
