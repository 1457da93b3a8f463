package dev.eventpipeline.projection.api;

import java.io.IOException;
import java.time.Instant;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import dev.eventpipeline.model.Timestamps;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Writes every {@link Instant} in API responses as RFC 3339 in UTC with the seconds always present
 * ({@link Timestamps#format}), whatever the time zone of the JVM or the database.
 */
@Singleton
public class InstantJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("rfc3339-instants").addSerializer(Instant.class, new Rfc3339()));
    }

    private static final class Rfc3339 extends JsonSerializer<Instant> {

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(Timestamps.format(value));
        }
    }
}
