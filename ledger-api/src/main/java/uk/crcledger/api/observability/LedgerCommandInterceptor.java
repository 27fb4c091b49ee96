package uk.crcledger.api.observability;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.LedgerRuleException;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Optional;

/**
 * Watches command handling on the command bus: counts the commands a ledger rule refuses
 * ({@value LedgerMetrics#COMMANDS_REJECTED}, tagged with the rule) and puts the command's entry id,
 * when it has one, into the MDC while it is handled. The refusal is rethrown unchanged.
 * <p>
 * Registered here on the bus rather than as a {@link MessageHandlerInterceptor} bean, which Axon's
 * Spring Boot support would register a second time.
 */
@Component
public class LedgerCommandInterceptor {

    private static final ClassValue<Optional<Method>> ENTRY_ID_ACCESSORS = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return Optional.empty();
            }
            for (RecordComponent component : type.getRecordComponents()) {
                if ("entryId".equals(component.getName()) && component.getType() == EntryId.class) {
                    return Optional.of(component.getAccessor());
                }
            }
            return Optional.empty();
        }
    };

    private final LedgerMetrics metrics;

    public LedgerCommandInterceptor(LedgerMetrics metrics, CommandBus commandBus) {
        this.metrics = metrics;
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = this::handle;
        commandBus.registerHandlerInterceptor(interceptor);
    }

    Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        String entryId = entryId(unitOfWork.getMessage().getPayload());
        String previous = MDC.get(LogContext.ENTRY_ID);
        if (entryId != null) {
            MDC.put(LogContext.ENTRY_ID, entryId);
        }
        try {
            return chain.proceed();
        } catch (Exception e) {
            LedgerRuleException rule = ruleBroken(e);
            if (rule != null) {
                metrics.commandRejected(rule.getClass().getSimpleName());
            }
            throw e;
        } finally {
            if (entryId != null) {
                LogContext.restore(LogContext.ENTRY_ID, previous);
            }
        }
    }

    private static LedgerRuleException ruleBroken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LedgerRuleException rule) {
                return rule;
            }
        }
        return null;
    }

    private static String entryId(Object payload) {
        if (payload == null) {
            return null;
        }
        Optional<Method> accessor = ENTRY_ID_ACCESSORS.get(payload.getClass());
        if (accessor.isEmpty()) {
            return null;
        }
        try {
            Object id = accessor.get().invoke(payload);
            return id instanceof EntryId entry ? entry.value() : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
