package dev.eventpipeline.projection.store;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the schema migrations are applied, so that no query meets a schema that is still changing. */
@Readiness
@ApplicationScoped
public class SchemaReadinessCheck implements HealthCheck {

    private final SchemaMigrations migrations;

    public SchemaReadinessCheck(SchemaMigrations migrations) {
        this.migrations = migrations;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("PostgreSQL schema migrations")
                .status(migrations.applied())
                .withData("migrations", SchemaMigrations.MIGRATIONS.size())
                .build();
    }
}
