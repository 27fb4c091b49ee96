package uk.crcledger.api.observability;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Map;

/**
 * Puts the {@code {entryId}} of the request's path (e.g. {@code /api/entries/{entryId}/corrections})
 * into the MDC as {@code entryId} while the request is handled. Entries being recorded get theirs
 * from the command ({@link LedgerCommandInterceptor}).
 */
@Configuration(proxyBeanMethods = false)
public class EntryIdLogInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get(LogContext.ENTRY_ID) instanceof String entryId && !entryId.isBlank()) {
            MDC.put(LogContext.ENTRY_ID, entryId.length() > 100 ? entryId.substring(0, 100) : entryId);
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        MDC.remove(LogContext.ENTRY_ID);
    }
}
