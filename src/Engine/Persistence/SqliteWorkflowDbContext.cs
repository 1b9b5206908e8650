using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// The SQLite flavour of <see cref="WorkflowDbContext"/>, with its own migrations. SQLite cannot compare or order
/// <see cref="DateTimeOffset"/> text, so times are stored as sortable 64-bit numbers (always UTC).
/// </summary>
public sealed class SqliteWorkflowDbContext(DbContextOptions<SqliteWorkflowDbContext> options) : WorkflowDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
