using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// The PostgreSQL flavour of <see cref="WorkflowDbContext"/> (scale-out: several Host nodes on one database,
/// docs/decisions/010), with its own migrations. Times are <c>timestamptz</c>, which Npgsql writes only in UTC, so every
/// <see cref="DateTimeOffset"/> is turned to UTC on the way in (a due date typed as +08:00 is the same instant).
/// </summary>
public sealed class PostgresWorkflowDbContext(DbContextOptions<PostgresWorkflowDbContext> options) : WorkflowDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcConverter>();
    }

    // Internal, not private: the compiled model (CompiledModels/Postgres) creates it.
    internal sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
