package uk.crcledger.api.export;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.accept.ParameterContentNegotiationStrategy;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The export formats, by Spring's content negotiation: {@code ?format=} names one (json, csv or timelinejs),
 * else the {@code Accept} header decides, and {@link CsvTableMessageConverter} writes {@code text/csv}.
 * <p>
 * JSON stays the default: for {@code Accept: *}{@code /*} (or none, or a browser's) both a timeline's JSON
 * mapping and its CSV mapping match, and Spring ranks the producible types of equal rank by name, so
 * {@code application/json} comes before {@code text/csv} ({@code ExportsIntegrationTest} checks it). CSV is
 * chosen when the client names {@code text/csv} before JSON, or JSON not at all.
 */
@Configuration(proxyBeanMethods = false)
class TimelineFormats implements WebMvcConfigurer {

    /** What {@code ?format=} may name. timelinejs is JSON too; its mappings also require the parameter. */
    static final Map<String, MediaType> FORMATS = formats();

    private static Map<String, MediaType> formats() {
        Map<String, MediaType> formats = new LinkedHashMap<>();
        formats.put("json", MediaType.APPLICATION_JSON);
        formats.put("csv", CsvTableMessageConverter.TEXT_CSV);
        formats.put("timelinejs", MediaType.APPLICATION_JSON);
        return formats;
    }

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        ParameterContentNegotiationStrategy byFormat = new ParameterContentNegotiationStrategy(FORMATS);
        byFormat.setParameterName("format");
        byFormat.setUseRegisteredExtensionsOnly(true);
        // An unknown format falls through to the Accept header; TimelineExports then refuses it with a 400
        // naming the formats (failing negotiation would be a 406 without a body).
        byFormat.setIgnoreUnknownExtensions(true);
        configurer.strategies(List.of(byFormat, new HeaderContentNegotiationStrategy()));
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.addCustomConverter(new CsvTableMessageConverter());
    }
}
