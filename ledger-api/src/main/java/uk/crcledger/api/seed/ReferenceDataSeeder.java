package uk.crcledger.api.seed;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.api.command.RecordOnce;
import uk.crcledger.provider.RegisterProvider;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Records the reference history ({@link ReferenceLedger}) once the application is ready, through the command gateway
 * like any user, as {@value #RECORDED_BY}. Every CRC, provider and entry has a fixed id, so applying the seed again
 * (every start, or several instances at once) records nothing twice: a command refused because its subject is there
 * already counts as done. Any other refusal stops seeding at that command and is logged with its name; the
 * application keeps running.
 *
 * <p>Seeding runs on the thread that announces the application ready, so the application reports itself ready to
 * take traffic only once the reference history is in. Turn it off with {@code ledger.seed=false}.
 */
@Component
@ConditionalOnProperty(name = "ledger.seed", havingValue = "true", matchIfMissing = true)
public class ReferenceDataSeeder {

    public static final String RECORDED_BY = "reference-data";
    /** A concurrent write to the same stream (another instance seeding) is retried this often, then it is a failure. */
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataSeeder.class);

    private final CommandGateway commands;
    private final Supplier<ReferenceLedger> seed;
    private volatile SeedOutcome outcome;

    @Autowired
    public ReferenceDataSeeder(CommandGateway commands) {
        this(commands, ReferenceLedger::load);
    }

    ReferenceDataSeeder(CommandGateway commands, Supplier<ReferenceLedger> seed) {
        this.commands = commands;
        this.seed = seed;
    }

    /** Before the start log's last words ({@code ReadyMessage}), so they come after the seeding's. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE - 1)
    public void onReady() {
        seed();
    }

    /** Applies the seed and returns what it did; never throws. */
    public SeedOutcome seed() {
        SeedOutcome result = apply();
        if (result.finished()) {
            log.info(result.summary());
        } else {
            log.error(result.summary());
        }
        outcome = result;
        return result;
    }

    /** The outcome of the last run, empty until a run has ended. */
    public Optional<SeedOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    private SeedOutcome apply() {
        ReferenceLedger ledger;
        try {
            ledger = seed.get();
        } catch (RuntimeException e) {
            log.error("Reference data: cannot read {}", ReferenceLedger.RESOURCE, e);
            return new SeedOutcome(0, 0, ReferenceLedger.RESOURCE, message(e));
        }
        int recorded = 0;
        int alreadyThere = 0;
        for (Object command : ledger.commands()) {
            String name = nameOf(command);
            try {
                if (send(command)) {
                    recorded++;
                } else {
                    log.debug("Reference data: {} is already there", name);
                    alreadyThere++;
                }
            } catch (RuntimeException e) {
                log.error("Reference data: recording {} failed; seeding stops here", name, e);
                return new SeedOutcome(recorded, alreadyThere, name, message(e));
            }
        }
        return new SeedOutcome(recorded, alreadyThere, null, null);
    }

    /** True when the command was recorded, false when its subject was there already. */
    private boolean send(Object command) {
        return RecordOnce.send(commands, command, RECORDED_BY);
    }

    static String nameOf(Object command) {
        if (command instanceof RegisterProvider p) {
            return "provider " + p.providerId();
        } else if (command instanceof RegisterCrc c) {
            return "CRC " + c.crcId();
        }
        return "entry " + SeedEntry.of(command).entryId();
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
